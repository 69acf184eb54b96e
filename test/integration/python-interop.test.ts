import {execFile} from 'node:child_process';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {buffer, text} from 'node:stream/consumers';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import test, {type ExecutionContext} from 'ava';
import {claimJob} from '../../source/jobs/analyst/claim-job.js';
import {deliverJob} from '../../source/jobs/analyst/deliver-job.js';
import {loadInboxJob} from '../../source/jobs/analyst/load-inbox.js';
import {approveRelease} from '../../source/jobs/analyst/review/approve-release.js';
import {policyKey} from '../../source/jobs/analyst/review/review-keys.js';
import {returnRelease} from '../../source/jobs/analyst/review/return-release.js';
import {writeReviewPolicy} from '../../source/jobs/analyst/review/review-policy.js';
import {isoTime, type Clock} from '../../source/jobs/clock.js';
import {listingEntries} from '../../source/jobs/listing-entries.js';
import {publishJob} from '../../source/jobs/publish-job.js';
import {loadResearcherJobs} from '../../source/jobs/researcher/load-jobs.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import {prepareSubmit, submitJob} from '../../source/jobs/researcher/submit-job.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import {writeMarker} from '../../source/jobs/write-marker.js';
import {
	biobankTaskKey,
	buildInboxAsync,
	buildJobId,
	buildMatrixAsync,
	builtInCatalogue,
	findAnalysisType,
	formatProblem,
	inputKey,
	jobStatus,
	markerKey,
	outputsFor,
	parseMarkerBody,
	parseRequestNote,
	planNewTask,
	readTask,
	requestKey,
	resultKey,
	taskKey,
	type BiobankStatus,
	type Task,
} from '../../source/protocol/index.js';
import type {ObjectStore} from '../../source/storage/store.js';
import {createSwiftStore, createTempAuth} from '../../source/storage/swift/index.js';
import {
	copyFixtureObjects,
	fixtureBytes,
	fixtureMetadata,
	pythonToolsFixture,
} from '../helpers/fixtures-store.js';
import {removeContainer, testServers, uniqueContainer} from '../helpers/servers.js';
import {caches, seedJob} from '../jobs/analyst/seed.js';
import {pgscCalc} from '../review/fixtures.js';

// Wire compatibility with the deployed iv-request.py / iv-analyst.py, on a real Swift: a Python
// script that reads the bucket exactly as those tools do checks what ivjm writes, and ivjm's
// protocol reads what those tools wrote (the fixture).
const servers = testServers();
const run = promisify(execFile);
const auth = createTempAuth({
	authUrl: servers.tempauthUrl,
	user: servers.tempauthUser,
	key: servers.tempauthKey,
});
const store = createSwiftStore({auth});
const script = fileURLToPath(new URL('python/read_like_iv_tools.py', import.meta.url));

test.after.always(async () => store.close());

type FileReport = {
	object: string;
	tool_download_ok: boolean;
	errors: string[];
	exists: boolean;
	content?: string;
	stored?: string | {error: string};
};

/** What `read_like_iv_tools.py` prints: the two tools' view of the bucket. */
type IvToolsView = {
	requester: {
		objects_listed: number;
		tasks: string[];
		jobs: Record<
			string,
			{
				name: string;
				biobanks: string[];
				/** The requester tool's words: submitted, processing, ready. */
				status: Record<string, string>;
				downloadable: boolean;
				outputs: Record<string, Array<{object: string; url: string; path: string}>>;
				downloads: Record<string, FileReport[]>;
				/** `json.dumps(json.loads(text), indent=2)` gives back the stored text. */
				task_json_is_python_dump: boolean;
			}
		>;
	};
	analyst: Record<
		string,
		{
			requests: string[];
			/** The analyst tool's lists: ready, active (processing), waiting. */
			lists: {ready: string[]; active: string[]; waiting: string[]};
			jobs: Record<
				string,
				{
					note: string;
					task_key: string;
					task_json_is_python_dump: boolean;
					name: string;
					'csc-user': string;
					inputs: Array<{bucket: string; object: string; url: string; path: string}>;
					instructions: Array<{bucket: string; object: string}>;
					outputs: Array<{path: string; url: string}>;
					processing_key: string;
					input_downloads?: FileReport[];
					instruction_downloads?: FileReport[];
				}
			>;
		}
	>;
	markers: Record<string, {body: string; split: string[]; content_type: string}>;
};

/** Runs the Python tools' reads (Debian's python3, which has python-swiftclient) on `container`. */
async function readLikeIvTools(
	container: string,
	user: string,
	biobanks: string[],
): Promise<IvToolsView> {
	const work = await mkdtemp(join(tmpdir(), 'ivjm-iv-tools-'));
	try {
		// Only tempauth: no OS_* or ST_* of the caller may pick another login.
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
				container,
				'--user',
				user,
				...biobanks.flatMap((biobank) => ['--biobank', biobank]),
				'--work',
				work,
			],
			{
				env: {
					...environment,
					SWIFT_TEMPAUTH_URL: servers.tempauthUrl,
					SWIFT_TEMPAUTH_USER: servers.tempauthUser,
					SWIFT_TEMPAUTH_KEY: servers.tempauthKey,
				},
				maxBuffer: 16 * 1024 * 1024,
			},
		);
		return JSON.parse(stdout) as IvToolsView;
	} finally {
		await rm(work, {recursive: true, force: true});
	}
}

/** ivjm's own status of each biobank of one job, from one listing of the bucket. */
async function ivjmStatuses(container: string): Promise<Record<string, BiobankStatus>> {
	const matrix = await buildMatrixAsync(listingEntries(store, container, {}));
	return Object.fromEntries(
		(matrix.jobs[0]?.biobanks ?? []).map((cell) => [cell.biobank, cell.status]),
	);
}

function only<T>(t: ExecutionContext, items: Record<string, T>, key: string): T {
	t.deepEqual(Object.keys(items), [key]);
	const item = items[key];
	if (item === undefined) throw new Error(`${key} is missing`);
	return item;
}

test('the Python tools read a job that ivjm published, and follow its markers to ready', async (t) => {
	const container = uniqueContainer('python-interop-ivjm');
	const biobanks = ['HUS', 'FIMM'];
	const requester = 'requester';
	const seconds = 1_795_600_000;
	const clock: Clock = {now: () => seconds * 1000};
	const jobId = buildJobId(seconds, requester);
	const files: Record<string, string> = {
		'input1.txt': 'input written by ivjm for the interop test\n',
		'README_instructions.txt': 'cat input1.txt > result.txt\n',
	};
	const analysis = findAnalysisType(builtInCatalogue, 'other');
	if (!analysis) throw new Error('The catalogue has no analysis type "other".');
	try {
		await store.createContainer(container);
		const planned = planNewTask({
			jobId,
			bucket: container,
			name: 'ivjm interop task',
			requestor: 'requester@example.org',
			date: isoTime(clock.now()),
			biobanks,
			analysis,
			uploads: ['input1.txt'],
			instructionsFile: 'README_instructions.txt',
			outputs: ['result.txt'],
			requirements: ['singularity'],
		});
		if (!planned.ok) throw new Error(planned.problems.map(formatProblem).join('; '));
		const {plan} = planned;
		t.deepEqual(
			plan.uploads.map((upload) => upload.key),
			[inputKey(jobId, 'input1.txt'), inputKey(jobId, 'README_instructions.txt')],
		);
		for (const upload of plan.uploads) {
			await store.put({container, key: upload.key}, files[upload.file] ?? '');
		}
		await publishJob(store, container, clock, plan);
		// The table's fields ride in the content type: the Python tools below read past it.
		const published = await store.head({container, key: taskKey(jobId)});
		t.regex(published.contentType, /^text\/plain; ivjm-summary=1\.[\da-f]{32}\./u);

		// Waiting at both biobanks: what each tool sees, reads and downloads.
		const waiting = await readLikeIvTools(container, requester, biobanks);
		t.deepEqual(waiting.requester.tasks, [jobId]);
		const job = only(t, waiting.requester.jobs, jobId);
		t.is(job.name, 'ivjm interop task');
		t.deepEqual(job.biobanks, biobanks);
		t.deepEqual(job.status, {HUS: 'submitted', FIMM: 'submitted'});
		t.false(job.downloadable);
		t.true(job.task_json_is_python_dump, 'ivjm writes task.json as json.dumps(indent=2) would');
		for (const biobank of biobanks) {
			const result = resultKey(jobId, biobank, 'result.txt');
			t.deepEqual(job.outputs[biobank], [
				{object: result, url: `${container}/${result}`, path: './result.txt'},
			]);
		}

		for (const biobank of biobanks) {
			const inbox = waiting.analyst[biobank];
			if (!inbox) throw new Error(`No analyst view of ${biobank}`);
			t.deepEqual(inbox.requests, [jobId]);
			t.deepEqual(inbox.lists, {ready: [], active: [], waiting: [jobId]});
			const request = only(t, inbox.jobs, jobId);
			const task = biobankTaskKey(jobId, biobank);
			t.is(request.note, `b'${task}'`, "the note as the analyst tool prints it, cut at the '");
			t.is(request.task_key, task);
			t.true(request.task_json_is_python_dump);
			t.is(request.name, 'ivjm interop task');
			t.is(request['csc-user'], requester);
			const input = inputKey(jobId, 'input1.txt');
			t.deepEqual(request.inputs, [
				{bucket: container, object: input, url: `${container}/${input}`, path: 'input1.txt'},
			]);
			t.deepEqual(request.instructions, [
				{bucket: container, object: inputKey(jobId, 'README_instructions.txt')},
			]);
			const result = resultKey(jobId, biobank, 'result.txt');
			t.deepEqual(request.outputs, [{path: './result.txt', url: `${container}/${result}`}]);
			t.is(request.processing_key, markerKey(jobId, biobank, 'processing'));
			t.like(request.input_downloads, [
				{tool_download_ok: true, exists: true, content: files['input1.txt']},
			]);
			// The tool saves instructions to `<jobid>` + object (no "/" between: a folder that does
			// not exist); the object itself must exist with the bytes ivjm uploaded.
			t.like(request.instruction_downloads, [{stored: files['README_instructions.txt']}]);
		}

		for (const biobank of biobanks) {
			const submitted = waiting.markers[markerKey(jobId, biobank, 'submitted')];
			t.deepEqual(submitted, {
				body: isoTime(clock.now()),
				split: [isoTime(clock.now())],
				content_type: 'text/plain',
			});
		}
		t.deepEqual(await ivjmStatuses(container), {HUS: 'waiting', FIMM: 'waiting'});

		// HUS claimed; FIMM claimed, results uploaded, ready: as ivjm's analyst side writes them.
		await writeMarker(store, container, clock, {
			jobId,
			biobank: 'HUS',
			marker: 'processing',
			by: 'analyst-hus',
			createOnly: true,
		});
		await writeMarker(store, container, clock, {
			jobId,
			biobank: 'FIMM',
			marker: 'processing',
			by: 'analyst-fimm',
			createOnly: true,
		});
		await store.put({container, key: resultKey(jobId, 'FIMM', 'result.txt')}, 'from FIMM\n', {
			contentType: 'text/plain',
		});
		await writeMarker(store, container, clock, {
			jobId,
			biobank: 'FIMM',
			marker: 'ready',
			by: 'analyst-fimm',
		});

		const halfway = await readLikeIvTools(container, requester, biobanks);
		t.deepEqual(halfway.requester.jobs[jobId]?.status, {HUS: 'processing', FIMM: 'ready'});
		t.false(halfway.requester.jobs[jobId]?.downloadable);
		t.deepEqual(halfway.analyst.HUS?.lists, {ready: [], active: [jobId], waiting: []});
		t.deepEqual(halfway.analyst.FIMM?.lists, {ready: [jobId], active: [], waiting: []});
		t.is(halfway.analyst.HUS?.jobs[jobId]?.input_downloads, undefined, 'no longer offered');
		const at = isoTime(clock.now());
		const claims: Array<[string, string, string]> = [
			['HUS', 'processing', 'analyst-hus'],
			['FIMM', 'processing', 'analyst-fimm'],
			['FIMM', 'ready', 'analyst-fimm'],
		];
		for (const [biobank, marker, by] of claims) {
			const body = halfway.markers[markerKey(jobId, biobank, marker)];
			t.deepEqual(body?.split, [by, at], `${biobank} ${marker} splits on ': '`);
			t.deepEqual(parseMarkerBody(body?.body ?? ''), {by, at});
		}
		t.deepEqual(await ivjmStatuses(container), {HUS: 'processing', FIMM: 'ready'});

		// HUS ready too: the requester tool offers the job and fetches each biobank's result.
		await store.put({container, key: resultKey(jobId, 'HUS', 'result.txt')}, 'from HUS\n', {
			contentType: 'text/plain',
		});
		await writeMarker(store, container, clock, {
			jobId,
			biobank: 'HUS',
			marker: 'ready',
			by: 'analyst-hus',
		});
		const done = await readLikeIvTools(container, requester, biobanks);
		const doneJob = done.requester.jobs[jobId];
		t.deepEqual(doneJob?.status, {HUS: 'ready', FIMM: 'ready'});
		t.true(doneJob?.downloadable);
		t.like(doneJob?.downloads, {
			HUS: [{object: resultKey(jobId, 'HUS', 'result.txt'), exists: true, content: 'from HUS\n'}],
			FIMM: [
				{object: resultKey(jobId, 'FIMM', 'result.txt'), exists: true, content: 'from FIMM\n'},
			],
		});
		t.deepEqual(done.analyst.HUS?.lists, {ready: [jobId], active: [], waiting: []});
	} finally {
		await removeContainer(store, await auth.getSession(), container);
	}
});

test('the Python tools read two jobs ivjm submitted in one second, reservations and all', async (t) => {
	const container = uniqueContainer('python-interop-reserved');
	const scratch = await mkdtemp(join(tmpdir(), 'ivjm-interop-reserved-'));
	const seconds = 1_795_600_100;
	const clock: Clock = {now: () => seconds * 1000};
	const analysis = findAnalysisType(builtInCatalogue, 'other');
	if (!analysis) throw new Error('The catalogue has no analysis type "other".');
	try {
		await store.createContainer(container);
		const submitOne = async (label: string) => {
			const input = join(scratch, `${label}.txt`);
			await writeFile(input, `input of ${label}\n`);
			const prepared = prepareSubmit(
				{
					user: 'requester',
					name: `task ${label}`,
					requestor: 'requester@example.org',
					biobanks: ['HUS'],
					analysis,
					inputFiles: [{path: input, name: 'input1.txt'}],
					instructionsFile: {path: input, name: 'README_instructions.txt'},
					outputs: ['result.txt'],
				},
				container,
				clock,
			);
			const deps = {store, bucket: container, clock, upload: uploadFile};
			return submitJob({...deps, pendingFolder: join(scratch, 'pending')}, prepared);
		};
		const ids = await Promise.all([submitOne('a'), submitOne('b')]);
		const view = await readLikeIvTools(container, 'requester', ['HUS']);
		t.deepEqual(view.requester.tasks.sort(), [...ids].sort());
		t.deepEqual(
			ids.map((id) => view.requester.jobs[id]?.status),
			[{HUS: 'submitted'}, {HUS: 'submitted'}],
		);
		t.deepEqual(view.analyst.HUS?.lists.waiting.sort(), [...ids].sort());
		t.deepEqual(
			ids.map((id) => view.analyst.HUS?.jobs[id]?.name),
			['task a', 'task b'],
		);
	} finally {
		await removeContainer(store, await auth.getSession(), container);
		await rm(scratch, {recursive: true, force: true});
	}
});

test('ivjm reads the bucket the Python tools wrote, copied byte for byte', async (t) => {
	const container = uniqueContainer('python-interop-fixture');
	const jobId = '1795597505-requester';
	try {
		await store.createContainer(container);
		// Through ivjm's store, so the helper serves any store (Swift or local); every object's
		// bytes, Content-Type and X-Object-Meta-* are checked back below as Swift keeps them.
		const copied = await copyFixtureObjects(store, container);
		t.is(copied.length, pythonToolsFixture.objects.length);
		for (const object of pythonToolsFixture.objects) {
			const {head, body} = await store.get({container, key: object.key});
			t.true((await buffer(body)).equals(await fixtureBytes(object.key)), object.key);
			t.is(head.bytes, object.bytes, object.key);
			t.is(head.contentType, object.content_type, object.key);
			t.deepEqual(head.metadata, fixtureMetadata(object), object.key);
		}

		const matrix = await buildMatrixAsync(listingEntries(store, container, {}));
		t.deepEqual(matrix.ignored, []);
		t.is(matrix.jobs.length, 1);
		const row = matrix.jobs[0];
		if (!row) throw new Error('no job in the matrix');
		t.is(row.jobId, jobId);
		t.true(row.hasTask);
		t.deepEqual(
			row.biobanks.map((cell) => [cell.biobank, cell.status, cell.hasTask]),
			[
				['FIMM', 'ready', true],
				['HUS', 'ready', true],
			],
		);

		for (const key of [
			taskKey(jobId),
			biobankTaskKey(jobId, 'HUS'),
			biobankTaskKey(jobId, 'FIMM'),
		]) {
			const read = readTask(await text((await store.get({container, key})).body), {jobId});
			if (!read.ok) throw new Error(`${key}: ${read.problems.map(formatProblem).join('; ')}`);
			t.deepEqual(read.task.biobanks, ['HUS', 'FIMM'], key);
			t.deepEqual(read.task.resources, {
				cpuCores: 1,
				ramGb: 2,
				diskGb: 20,
				timeHours: 1,
				preemptible: false,
			});
			t.deepEqual(jobStatus(row, read.task.biobanks).summary, {
				state: 'ready',
				targeted: 2,
				ready: 2,
				failed: 0,
				downloadable: true,
			});
			for (const biobank of read.task.biobanks) {
				const cell = row.biobanks.find((item) => item.biobank === biobank);
				t.deepEqual(
					outputsFor(read.task, biobank).map((output) => output.object),
					cell?.results.map((result) => result.key),
				);
			}
		}

		// A first start (empty task cache) shows the Python tools' job whole: with no summary in
		// its content type, its task.json is read.
		const reads: string[] = [];
		const counting: ObjectStore = {
			...store,
			get: async (ref, options) => {
				reads.push(ref.key);
				return store.get(ref, options);
			},
		};
		const overview = await loadResearcherJobs(counting, container, 'requester', new TaskCache());
		t.deepEqual(reads, [taskKey(jobId)]);
		t.is(overview.jobs.length, 1);
		t.like(overview.jobs[0], {
			about: {
				name: 'e2e-test-task',
				description: 'User specified task',
				requestor: 'requester@example.org',
				biobanks: ['HUS', 'FIMM'],
				type: 'other',
			},
			status: {summary: {state: 'ready', targeted: 2, ready: 2, downloadable: true}},
		});
		t.is(overview.jobs[0]?.problems, undefined);

		const inbox = await buildInboxAsync('HUS', listingEntries(store, container, {}));
		t.deepEqual(inbox.ignored, []);
		t.is(inbox.rows.length, 1);
		t.like(inbox.rows[0], {jobId, user: 'requester', hasTask: true, status: 'ready'});
		const note = await text((await store.get({container, key: requestKey('HUS', jobId)})).body);
		t.like(parseRequestNote(note, {jobId, biobank: 'HUS'}), {
			ok: true,
			taskKey: biobankTaskKey(jobId, 'HUS'),
		});

		// The Python reads on the same copy see what the tools saw: the script is faithful.
		const view = await readLikeIvTools(container, 'requester', ['HUS', 'FIMM']);
		t.deepEqual(view.requester.jobs[jobId]?.status, {HUS: 'ready', FIMM: 'ready'});
		t.true(view.requester.jobs[jobId]?.task_json_is_python_dump);
		t.like(view.requester.jobs[jobId]?.downloads, {
			HUS: [{exists: true, content: 'result from HUS\n'}],
			FIMM: [{exists: true, content: 'result from FIMM\n'}],
		});
		t.deepEqual(view.analyst.HUS?.lists, {ready: [jobId], active: [], waiting: []});
		t.is(view.analyst.FIMM?.jobs[jobId]?.task_key, biobankTaskKey(jobId, 'FIMM'));
	} finally {
		await removeContainer(store, await auth.getSession(), container);
	}
});

test('the Python tools see a job under release review (awaiting, returned, signed off) as processing until its sign-off, then ready: review records and policies stay out of their sight', async (t) => {
	t.timeout(180_000);
	const container = uniqueContainer('python-interop-review');
	const biobanks = ['HUS', 'FIMM'];
	const outputs = ['aggregated_scores.txt.gz', 'summary.tsv'];
	const clock: Clock = {now: () => 1_795_700_000_000};
	const work = await mkdtemp(join(tmpdir(), 'ivjm-interop-review-'));
	try {
		await store.createContainer(container);
		const jobId = await seedJob(store, {seconds: 1_795_700_000, biobanks, outputs}, container);
		// HUS wants four eyes; FIMM one reviewer and its own threshold: two policy objects.
		await writeReviewPolicy(store, container, clock, {
			biobank: 'HUS',
			by: 'analyst-hus',
			rules: {secondReviewer: true},
		});
		await writeReviewPolicy(store, container, clock, {
			biobank: 'FIMM',
			by: 'analyst-fimm',
			rules: {threshold: 10},
		});
		const delivered: Record<string, string> = {};
		for (const biobank of biobanks) {
			const analyst = `analyst-${biobank.toLowerCase()}`;
			await claimJob(store, container, clock, {jobId, biobank, analyst, settleMs: 0});
			const jobFolder = join(work, biobank);
			await mkdir(jobFolder);
			await writeFile(join(jobFolder, 'aggregated_scores.txt.gz'), pgscCalc.v1);
			await writeFile(join(jobFolder, 'summary.tsv'), `${pgscCalc.summary}# from ${biobank}\n`);
			delivered[biobank] = jobFolder;
			const job = await loadInboxJob(store, container, biobank, jobId, caches());
			const result = await deliverJob(store, container, clock, {
				task: job.task as Task,
				biobank,
				analyst,
				jobFolder,
				// FIMM holds the per-individual file back; HUS justifies it and waits for a second analyst.
				review:
					biobank === 'FIMM'
						? {hold: ['aggregated_scores.txt.gz']}
						: {justify: {'aggregated_scores.txt.gz': 'agreed with the HUS data access committee'}},
				journalFolder: join(work, 'journals'),
			});
			t.is(result.state, biobank === 'FIMM' ? 'ready' : 'awaiting-second-review', biobank);
		}

		const review = [
			`jobs/requester/${jobId}/FIMM/review/sign-off.json`,
			`jobs/requester/${jobId}/HUS/review/request.json`,
		];
		const listed: string[] = [];
		for await (const entry of store.list(container))
			if (entry.kind === 'object') listed.push(entry.key);
		t.true(
			[...review, policyKey('HUS'), policyKey('FIMM')].every((key) => listed.includes(key)),
			'the new objects are there',
		);

		const awaiting = await readLikeIvTools(container, 'requester', biobanks);
		t.is(awaiting.requester.objects_listed, listed.length, 'the Python tools list them too…');
		t.deepEqual(awaiting.requester.tasks, [jobId], '…and take no job from them');
		t.deepEqual(awaiting.requester.jobs[jobId]?.status, {HUS: 'processing', FIMM: 'ready'});
		t.false(awaiting.requester.jobs[jobId]?.downloadable);
		t.deepEqual(awaiting.analyst.HUS?.requests, [jobId]);
		t.deepEqual(awaiting.analyst.HUS?.lists, {ready: [], active: [jobId], waiting: []});
		t.deepEqual(awaiting.analyst.FIMM?.requests, [jobId]);
		t.deepEqual(awaiting.analyst.FIMM?.lists, {ready: [jobId], active: [], waiting: []});
		t.deepEqual(
			Object.keys(awaiting.markers).sort(),
			biobanks
				.flatMap((biobank) =>
					(biobank === 'HUS'
						? ['processing', 'submitted']
						: ['processing', 'ready', 'submitted']
					).map((marker) => markerKey(jobId, biobank, marker)),
				)
				.sort(),
			'no review object reads as a status marker',
		);
		t.deepEqual(await ivjmStatuses(container), {FIMM: 'ready', HUS: 'processing'});

		// The second analyst returns it once: returned.json is as invisible; the first delivers again.
		await returnRelease(store, container, clock, {
			jobId,
			biobank: 'HUS',
			by: 'second-hus',
			reason: 'say which committee agreed',
		});
		const returned = await readLikeIvTools(container, 'requester', biobanks);
		t.deepEqual(returned.requester.tasks, [jobId]);
		t.deepEqual(returned.requester.jobs[jobId]?.status, {HUS: 'processing', FIMM: 'ready'});
		t.deepEqual(returned.analyst.HUS?.lists, {ready: [], active: [jobId], waiting: []});
		t.deepEqual(Object.keys(returned.markers).sort(), Object.keys(awaiting.markers).sort());
		const again = await deliverJob(store, container, clock, {
			task: (await loadInboxJob(store, container, 'HUS', jobId, caches())).task as Task,
			biobank: 'HUS',
			analyst: 'analyst-hus',
			jobFolder: delivered.HUS ?? '',
			review: {justify: {'aggregated_scores.txt.gz': 'agreed with the HUS DAC, ref 2026-14'}},
			journalFolder: join(work, 'journals'),
		});
		t.is(again.state, 'awaiting-second-review');

		// A second analyst of HUS approves: the files leave, the sign-off is written, then ready.
		const approved = await approveRelease(store, container, clock, {
			jobId,
			biobank: 'HUS',
			approver: 'second-hus',
			jobFolder: delivered.HUS ?? '',
			journalFolder: join(work, 'journals'),
		});
		t.deepEqual(
			approved.signOff.reviewers.map((reviewer) => reviewer.user),
			['analyst-hus', 'second-hus'],
		);
		const done = await readLikeIvTools(container, 'requester', biobanks);
		t.deepEqual(done.requester.jobs[jobId]?.status, {HUS: 'ready', FIMM: 'ready'});
		t.true(done.requester.jobs[jobId]?.downloadable);
		t.like(done.requester.jobs[jobId]?.downloads, {
			HUS: [
				{
					object: resultKey(jobId, 'HUS', 'aggregated_scores.txt.gz'),
					tool_download_ok: true,
					exists: true,
				},
				{
					object: resultKey(jobId, 'HUS', 'summary.tsv'),
					exists: true,
					content: `${pgscCalc.summary}# from HUS\n`,
				},
			],
			// The file FIMM held back is not there: the tool reports a failed download and goes on.
			FIMM: [
				{
					object: resultKey(jobId, 'FIMM', 'aggregated_scores.txt.gz'),
					tool_download_ok: false,
					exists: false,
				},
				{
					object: resultKey(jobId, 'FIMM', 'summary.tsv'),
					exists: true,
					content: `${pgscCalc.summary}# from FIMM\n`,
				},
			],
		});
		t.deepEqual(done.analyst.HUS?.lists, {ready: [jobId], active: [], waiting: []});
		t.deepEqual(await ivjmStatuses(container), {FIMM: 'ready', HUS: 'ready'});
	} finally {
		await rm(work, {recursive: true, force: true});
		await removeContainer(store, await auth.getSession(), container);
	}
});
