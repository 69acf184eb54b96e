import test from 'ava';
import {createHash, randomBytes} from 'node:crypto';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Clock} from '../../source/jobs/clock.js';
import {publishJob} from '../../source/jobs/publish-job.js';
import {cancelJob} from '../../source/jobs/researcher/cancel-job.js';
import {deleteJob, planDeleteJob} from '../../source/jobs/researcher/delete-job.js';
import {downloadResults} from '../../source/jobs/researcher/download-results.js';
import {loadJobDetail} from '../../source/jobs/researcher/load-job-detail.js';
import {loadResearcherJobs} from '../../source/jobs/researcher/load-jobs.js';
import {prepareSubmit, submitJob} from '../../source/jobs/researcher/submit-job.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import {writeMarker} from '../../source/jobs/write-marker.js';
import {builtInCatalogue, findAnalysisType} from '../../source/protocol/catalogue.js';
import {segmentsContainer} from '../../source/protocol/keys.js';
import {planNewTask} from '../../source/protocol/new-task.js';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import type {ObjectStore} from '../../source/storage/store.js';
import {createSwiftStore, createTempAuth} from '../../source/storage/swift/index.js';
import {downloadObject} from '../../source/transfer/download-object.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import {removeContainer, testServers, uniqueContainer} from '../helpers/servers.js';

const other = findAnalysisType(builtInCatalogue, 'other')!;
const scratch = await mkdtemp(join(tmpdir(), 'ivjm-researcher-flow-'));
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
let tick = Date.UTC(2026, 10, 25, 9, 0, 0);
const clock: Clock = {now: () => (tick += 1000)};

type Target = {
	name: string;
	open: () => Promise<{store: ObjectStore; bucket: string; cleanup: () => Promise<void>}>;
};

const servers = testServers();
const auth = createTempAuth({
	authUrl: servers.tempauthUrl,
	user: servers.tempauthUser,
	key: servers.tempauthKey,
});
const swift = createSwiftStore({auth});
test.after.always(async () => {
	await swift.close();
	await rm(scratch, {recursive: true, force: true});
});

const targets: Target[] = [
	{
		name: 'local store',
		async open() {
			const root = await mkdtemp(join(scratch, 'store-'));
			const store = createLocalStore({root});
			await store.createContainer('bucket');
			await store.createContainer(segmentsContainer('bucket'));
			return {
				store,
				bucket: 'bucket',
				cleanup: async () => rm(root, {recursive: true, force: true}),
			};
		},
	},
	{
		name: 'Swift',
		async open() {
			const bucket = uniqueContainer('researcher');
			await swift.createContainer(bucket);
			return {
				store: swift,
				bucket,
				async cleanup() {
					const session = await auth.getSession();
					await removeContainer(swift, session, bucket);
					await removeContainer(swift, session, segmentsContainer(bucket));
				},
			};
		},
	},
];

async function localFile(name: string, bytes: number): Promise<{path: string; name: string}> {
	const path = join(await mkdtemp(join(scratch, 'files-')), name);
	await writeFile(path, bytes > 200 ? randomBytes(bytes) : `instructions for ${name}\n`);
	return {path, name};
}

for (const target of targets) {
	test.serial(
		`${target.name}: a submitted job waits at both biobanks, turns ready, and its results download byte for byte`,
		async (t) => {
			const {store, bucket, cleanup} = await target.open();
			t.teardown(cleanup);
			const input = await localFile('container.sif', 3_000_000);
			const prepared = prepareSubmit(
				{
					user: 'requester',
					name: 'flow test',
					requestor: 'requester@example.org',
					biobanks: ['HUS', 'FIMM'],
					analysis: other,
					inputFiles: [input],
					instructionsFile: await localFile('README.txt', 10),
					outputs: ['result.txt'],
				},
				bucket,
				clock,
			);
			const jobId = await submitJob({store, bucket, clock, upload: uploadFile}, prepared);
			const cache = new TaskCache();
			const waiting = await loadResearcherJobs(store, bucket, 'requester', cache);
			t.deepEqual(
				waiting.jobs.map((job) => [
					job.row.jobId,
					job.status.biobanks.map((state) => state.status),
				]),
				[[jobId, ['waiting', 'waiting']]],
			);

			const results = new Map<string, Buffer>();
			for (const biobank of ['HUS', 'FIMM']) {
				await writeMarker(store, bucket, clock, {
					jobId,
					biobank,
					marker: 'processing',
					by: 'analyst',
					createOnly: true,
				});
				const body = randomBytes(200_000);
				results.set(biobank, body);
				await store.put(
					{container: bucket, key: `jobs/requester/${jobId}/${biobank}/results/result.txt`},
					body,
				);
				await writeMarker(store, bucket, clock, {jobId, biobank, marker: 'ready', by: 'analyst'});
			}
			const ready = await loadResearcherJobs(store, bucket, 'requester', cache);
			t.true(ready.jobs[0]?.status.summary.downloadable);

			const folder = await mkdtemp(join(scratch, 'downloads-'));
			const job = await loadJobDetail(store, bucket, jobId, cache);
			const downloaded = await downloadResults(store, bucket, downloadObject, job, folder);
			t.is(downloaded.length, 2);
			for (const [biobank, body] of results) {
				t.is(sha256(await readFile(join(folder, jobId, biobank, 'result.txt'))), sha256(body));
			}
			const again = await downloadResults(store, bucket, downloadObject, job, folder);
			t.true(
				again.every((file) => file.result.skipped),
				'verified files are not fetched twice',
			);
			const inputCopy = await downloadObject(
				store,
				{container: bucket, key: prepared.plan.uploads[0]!.key},
				folder,
				'input-copy.sif',
			);
			t.is(
				inputCopy.sha256,
				sha256(await readFile(input.path)),
				'the uploaded input is stored byte for byte',
			);
		},
	);

	test.serial(
		`${target.name}: cancelling marks only the biobanks that are not ready`,
		async (t) => {
			const {store, bucket, cleanup} = await target.open();
			t.teardown(cleanup);
			const jobId = `${Math.floor(clock.now() / 1000)}-requester`;
			const planned = planNewTask({
				jobId,
				bucket,
				name: 'to cancel',
				requestor: 'r@example.org',
				date: '2026-11-25T10:00:00.000+00:00',
				biobanks: ['HUS', 'HUNT'],
				analysis: findAnalysisType(builtInCatalogue, 'prspipe')!,
			});
			if (!planned.ok) throw new Error('plan');
			await publishJob(store, bucket, clock, planned.plan);
			await writeMarker(store, bucket, clock, {
				jobId,
				biobank: 'HUS',
				marker: 'ready',
				by: 'analyst',
			});
			const cache = new TaskCache();
			const cancelled = await cancelJob(
				store,
				bucket,
				clock,
				await loadJobDetail(store, bucket, jobId, cache),
				'requester',
				'Wrong covariates.',
			);
			t.deepEqual(cancelled, ['HUNT']);
			const after = await loadJobDetail(store, bucket, jobId, cache);
			t.deepEqual(
				after.status.biobanks.map((state) => [state.biobank, state.status]),
				[
					['HUS', 'ready'],
					['HUNT', 'cancelled'],
				],
			);
			t.is(
				after.markers.find((marker) => marker.name === 'cancelled')?.body.reason,
				'Wrong covariates.',
			);
		},
	);

	test.serial(
		`${target.name}: deleting a job removes exactly its objects, notes and segments, and spares …-anna beside …-ann`,
		async (t) => {
			const {store, bucket, cleanup} = await target.open();
			t.teardown(cleanup);
			const seconds = Math.floor(clock.now() / 1000);
			const big = await localFile('big.sif', 2_500_000);
			for (const user of ['ann', 'anna']) {
				const jobId = `${seconds}-${user}`;
				const planned = planNewTask({
					jobId,
					bucket,
					name: user,
					requestor: 'r@example.org',
					date: '2026-11-25T10:00:00.000+00:00',
					biobanks: ['HUS', 'FIMM'],
					analysis: other,
					uploads: ['big.sif'],
					instructionsFile: 'big.sif',
					outputs: ['out.txt'],
				});
				if (!planned.ok) throw new Error(JSON.stringify(planned.problems));
				// Segmented on purpose: the delete must find the job's large-object segments too.
				await uploadFile(store, {container: bucket, key: planned.plan.uploads[0]!.key}, big.path, {
					segmentThreshold: 1_000_000,
					segmentSize: 1_000_000,
					journalFolder: scratch,
				});
				await publishJob(store, bucket, clock, planned.plan);
				await store.put(
					{container: bucket, key: `jobs/${user}/${jobId}/HUS/results/out.txt`},
					'result',
				);
			}
			const keysOf = async (container: string) => {
				const keys: string[] = [];
				for await (const entry of store.list(container))
					if (entry.kind === 'object') keys.push(entry.key);
				return keys;
			};
			const before = await keysOf(bucket);
			const segmentsBefore = await keysOf(segmentsContainer(bucket));
			t.true(segmentsBefore.some((key) => key.startsWith(`jobs/ann/${seconds}-ann/`)));

			const plan = await planDeleteJob(store, bucket, `${seconds}-ann`, ['HUS', 'FIMM'], {
				user: 'ann',
			});
			t.is(plan.resultCount, 1);
			await deleteJob(store, bucket, plan);

			const belongsToAnn = (key: string) =>
				key.startsWith(`jobs/ann/${seconds}-ann/`) || key.endsWith(`/requests/${seconds}-ann`);
			t.deepEqual(
				await keysOf(bucket),
				before.filter((key) => !belongsToAnn(key)),
			);
			t.deepEqual(
				await keysOf(segmentsContainer(bucket)),
				segmentsBefore.filter((key) => !belongsToAnn(key)),
			);
			t.true((await keysOf(bucket)).includes(`HUS/requests/${seconds}-anna`));
		},
	);
}
