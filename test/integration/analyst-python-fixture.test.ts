import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {text} from 'node:stream/consumers';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import test from 'ava';
import {claimAndDownload} from '../../source/jobs/analyst/download-job.js';
import {deliverJob} from '../../source/jobs/analyst/deliver-job.js';
import {loadInboxJob} from '../../source/jobs/analyst/load-inbox.js';
import {systemClock} from '../../source/jobs/clock.js';
import {markerKey, parseMarkerBody, resultKey, type Task} from '../../source/protocol/index.js';
import {fixtureBytes} from '../helpers/fixtures-store.js';
import {copyFixtureObjects} from '../helpers/fixtures-store.js';
import {removeContainer, testServers} from '../helpers/servers.js';
import {caches} from '../jobs/analyst/seed.js';
import {tempauthStore} from '../jobs/analyst/swift.js';

// The job the deployed iv-request.py submitted (shared/fixtures), as it stood before any analyst
// touched it, is claimed, downloaded and delivered by ivjm at both biobanks; then the Python
// requester's own reads must see it ready and fetch what ivjm uploaded. The task names its
// inputs in the bucket `project_2004504-intervene-tasks`, so the job goes into a container of
// that name, in an account no other test uses (tempauth test2).
const servers = testServers();
const account = {user: 'test2:tester2', key: 'testing2'};
const swift = tempauthStore(account.user, account.key);
const bucket = 'project_2004504-intervene-tasks';
const jobId = '1795597505-requester';
const run = promisify(execFile);
const script = fileURLToPath(new URL('python/read_like_iv_tools.py', import.meta.url));

test.after.always(async () => swift.store.close());

type ToolsView = {
	requester: {
		jobs: Record<
			string,
			{
				status: Record<string, string>;
				downloadable: boolean;
				downloads: Record<string, Array<{object: string; exists: boolean; content?: string}>>;
			}
		>;
	};
	analyst: Record<string, {lists: {ready: string[]; active: string[]; waiting: string[]}}>;
	markers: Record<string, {body: string; split: string[]; content_type: string}>;
};

/** The two Python tools' reads of the bucket, signed in as the account that holds it. */
async function pythonView(): Promise<ToolsView> {
	const work = await mkdtemp(join(tmpdir(), 'ivjm-iv-tools-'));
	try {
		const environment = Object.fromEntries(
			Object.entries(process.env).filter(
				([name]) => !name.startsWith('OS_') && !name.startsWith('ST_'),
			),
		);
		const {stdout} = await run(
			'/usr/bin/python3',
			[
				script,
				'--container',
				bucket,
				'--user',
				'requester',
				'--biobank',
				'HUS',
				'--biobank',
				'FIMM',
				'--work',
				work,
			],
			{
				env: {
					...environment,
					SWIFT_TEMPAUTH_URL: servers.tempauthUrl,
					SWIFT_TEMPAUTH_USER: account.user,
					SWIFT_TEMPAUTH_KEY: account.key,
				},
				maxBuffer: 16 * 1024 * 1024,
			},
		);
		return JSON.parse(stdout) as ToolsView;
	} finally {
		await rm(work, {recursive: true, force: true});
	}
}

test.serial(
	'a job submitted by iv-request.py is claimed, downloaded and delivered, and the Python requester sees it ready',
	async (t) => {
		t.timeout(120_000);
		const {store, auth} = swift;
		await removeContainer(store, await auth.getSession(), bucket);
		await store.createContainer(bucket);
		t.teardown(async () => removeContainer(store, await auth.getSession(), bucket));
		await copyFixtureObjects(store, bucket, {
			include: (object) => !/\/status\/(processing|ready)$|\/results\//.test(object.key),
		});
		const work = await mkdtemp(join(tmpdir(), 'ivjm-analyst-work-'));
		t.teardown(() => rm(work, {recursive: true, force: true}));
		const before = await pythonView();
		t.deepEqual(before.requester.jobs[jobId]?.status, {HUS: 'submitted', FIMM: 'submitted'});

		const analysts = {HUS: 'analyst', FIMM: 'fimm-analyst'} as const;
		for (const [biobank, analyst] of Object.entries(analysts)) {
			const claimed = await claimAndDownload(store, bucket, systemClock, {
				jobId,
				biobank,
				analyst,
				workFolder: join(work, biobank),
				caches: caches(),
				journalFolder: join(work, 'journals'),
			});
			t.deepEqual(
				claimed.files.map((file) => [file.relative, file.result.verifiedBy]),
				[
					['input1.txt', 'md5'],
					['README_instructions.txt', 'md5'],
				],
			);
			for (const [file, key] of [
				['input1.txt', `jobs/requester/${jobId}/input/input1.txt`],
				['README_instructions.txt', `jobs/requester/${jobId}/input/README_instructions.txt`],
			] as const) {
				t.true(
					(await readFile(join(claimed.jobFolder, file))).equals(await fixtureBytes(key)),
					file,
				);
			}

			if (biobank === 'HUS') {
				// Claimed: the Python analyst tool no longer offers it at HUS; FIMM still waits.
				const halfway = await pythonView();
				t.deepEqual(halfway.analyst.HUS?.lists, {ready: [], active: [jobId], waiting: []});
				t.deepEqual(halfway.analyst.FIMM?.lists, {ready: [], active: [], waiting: [jobId]});
				t.deepEqual(halfway.requester.jobs[jobId]?.status, {HUS: 'processing', FIMM: 'submitted'});
			}

			// The run: `cat input1.txt > result.txt`, as the instructions say.
			await writeFile(join(claimed.jobFolder, 'result.txt'), `result from ${biobank}, by ivjm\n`);
			const job = await loadInboxJob(store, bucket, biobank, jobId, caches());
			const delivered = await deliverJob(store, bucket, systemClock, {
				task: job.task as Task,
				biobank,
				analyst,
				jobFolder: claimed.jobFolder,
				journalFolder: join(work, 'journals'),
			});
			t.deepEqual(
				delivered.files.map((file) => file.key),
				[resultKey(jobId, biobank, 'result.txt')],
			);
		}

		const after = await pythonView();
		const requester = after.requester.jobs[jobId];
		t.deepEqual(requester?.status, {HUS: 'ready', FIMM: 'ready'});
		t.true(requester?.downloadable);
		t.like(requester?.downloads, {
			HUS: [
				{
					object: resultKey(jobId, 'HUS', 'result.txt'),
					exists: true,
					content: 'result from HUS, by ivjm\n',
				},
			],
			FIMM: [
				{
					object: resultKey(jobId, 'FIMM', 'result.txt'),
					exists: true,
					content: 'result from FIMM, by ivjm\n',
				},
			],
		});
		t.deepEqual(after.analyst.HUS?.lists, {ready: [jobId], active: [], waiting: []});
		for (const [biobank, analyst] of Object.entries(analysts)) {
			for (const marker of ['processing', 'ready'] as const) {
				const seen = after.markers[markerKey(jobId, biobank, marker)];
				t.is(seen?.content_type, 'text/plain', `${biobank} ${marker}`);
				t.is(seen?.split[0], analyst, `${biobank} ${marker}: "<analyst>: <time>"`);
				const stored = await store.get({container: bucket, key: markerKey(jobId, biobank, marker)});
				t.like(parseMarkerBody(await text(stored.body)), {by: analyst});
			}
		}
	},
);
