import test, {type ExecutionContext} from 'ava';
import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {text} from 'node:stream/consumers';
import {
	loadResearcherJobs,
	type ResearcherJobs,
} from '../../../source/jobs/researcher/load-jobs.js';
import {TaskCache} from '../../../source/jobs/task-cache.js';
import {TaskCacheFile} from '../../../source/jobs/task-cache-file.js';
import {taskKey} from '../../../source/protocol/keys.js';
import type {GetOptions, ObjectRef, ObjectStore} from '../../../source/storage/store.js';
import {asPythonWrote, bucket, localStore, seedJob, seedPythonStyleJob} from '../analyst/seed.js';
import {swiftContainer, tempauthStore} from '../analyst/swift.js';

/** The store, counting the task.json bodies read from it. */
function countingTaskReads(store: ObjectStore): {store: ObjectStore; reads: string[]} {
	const reads: string[] = [];
	return {
		reads,
		store: {
			...store,
			async get(ref: ObjectRef, options?: GetOptions) {
				if (ref.key.endsWith('/task.json')) reads.push(ref.key);
				return store.get(ref, options);
			},
		},
	};
}

async function cacheFolder(t: ExecutionContext): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-task-cache-'));
	t.teardown(() => rm(folder, {recursive: true, force: true}));
	return folder;
}

type Target = {
	name: string;
	open(t: ExecutionContext): Promise<{store: ObjectStore; bucket: string}>;
};

const targets: Target[] = [
	{
		name: 'local store',
		async open(t) {
			return {store: (await localStore(t)).store, bucket};
		},
	},
	{
		name: 'Swift',
		async open(t) {
			const signedIn = tempauthStore();
			t.teardown(() => signedIn.store.close());
			return {store: signedIn.store, bucket: await swiftContainer(t, 'load-jobs', signedIn)};
		},
	},
];

for (const target of targets) {
	test(`${target.name}: jobs written by ivjm show on a first start with no task.json read`, async (t) => {
		const {store, bucket} = await target.open(t);
		const first = await seedJob(store, {seconds: 1_795_000_001, name: 'première ; "α"'}, bucket);
		await seedJob(store, {seconds: 1_795_000_002, name: 'second', biobanks: ['FIMM']}, bucket);
		const python = await seedPythonStyleJob(store, {seconds: 1_795_000_003, name: 'py'}, bucket);
		const file = TaskCacheFile.of(await cacheFolder(t), store.description, bucket);

		const cold = countingTaskReads(store);
		const jobs = await loadResearcherJobs(cold.store, bucket, 'requester', new TaskCache({file}));
		t.deepEqual(cold.reads, [taskKey(python)], 'only the job the Python tools wrote is read');
		t.deepEqual(
			jobs.jobs.map((job) => [job.about?.name, job.about?.type, job.about?.biobanks]),
			[
				['py', 'other', ['HUS', 'FIMM']],
				['second', 'other', ['FIMM']],
				['première ; "α"', 'other', ['HUS', 'FIMM']],
			],
		);
		t.is(jobs.jobs[2]?.about?.requestor, 'requester@example.org');
		t.is(jobs.jobs[2]?.row.jobId, first);
		t.deepEqual(
			jobs.jobs[1]?.status.biobanks.map((state) => [state.biobank, state.status]),
			[['FIMM', 'waiting']],
		);
	});

	test(`${target.name}: a second start reads no task.json it has read before, only the new job's`, async (t) => {
		const {store, bucket} = await target.open(t);
		const first = await seedPythonStyleJob(store, {seconds: 1_795_000_001, name: 'first'}, bucket);
		const second = await seedPythonStyleJob(
			store,
			{seconds: 1_795_000_002, name: 'second'},
			bucket,
		);
		const file = TaskCacheFile.of(await cacheFolder(t), store.description, bucket);

		const cold = countingTaskReads(store);
		const before = await loadResearcherJobs(cold.store, bucket, 'requester', new TaskCache({file}));
		t.deepEqual(cold.reads.sort(), [taskKey(first), taskKey(second)]);
		t.is((await stat(file.path)).mode & 0o777, 0o600);

		const third = await seedPythonStyleJob(store, {seconds: 1_795_000_003, name: 'third'}, bucket);
		const warm = countingTaskReads(store);
		const after = await loadResearcherJobs(warm.store, bucket, 'requester', new TaskCache({file}));
		t.deepEqual(warm.reads, [taskKey(third)]);
		t.deepEqual(
			after.jobs.map((job) => job.about?.name),
			['third', ...before.jobs.map((job) => job.about?.name)],
		);
	});
}

test('the table comes first from the listing alone, then fills in as the task.json files arrive', async (t) => {
	const {store} = await localStore(t);
	for (let second = 1; second <= 5; second++) {
		await seedPythonStyleJob(store, {seconds: 1_795_000_000 + second, name: `job ${second}`});
	}
	const partials: ResearcherJobs[] = [];
	// Reads that take a while, as over a network: the local store's would all be in before a frame.
	const slow: ObjectStore = {
		...store,
		get: async (ref, options) => {
			await new Promise((resolve) => setTimeout(resolve, 5));
			return store.get(ref, options);
		},
	};
	const done = await loadResearcherJobs(slow, bucket, 'requester', new TaskCache(), {
		onProgress: (partial) => partials.push(partial),
		parallel: 1,
		progressMs: 0,
	});
	const first = partials[0]!;
	t.is(first.jobs.length, 5);
	t.true(first.jobs.every((job) => job.pending === true && job.about === undefined));
	// Statuses are there before any task.json: the listing holds every marker.
	t.deepEqual(
		first.jobs.map((job) => job.status.biobanks.map((state) => state.status)),
		done.jobs.map((job) => job.status.biobanks.map((state) => state.status)),
	);
	t.true(done.jobs.every((job) => job.pending === undefined && job.about !== undefined));
	t.true(partials.length >= 2);
});

test('a task.json that changed (new ETag) is read again, not served from the cache', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedPythonStyleJob(store, {seconds: 1_795_000_001, name: 'before'});
	const file = TaskCacheFile.of(await cacheFolder(t), store.description, bucket);
	await loadResearcherJobs(store, bucket, 'requester', new TaskCache({file}));
	const {body} = await store.get({container: bucket, key: taskKey(jobId)});
	const changed = (await text(body)).replace('"before"', '"after"');
	await store.put({container: bucket, key: taskKey(jobId)}, changed);
	const again = await loadResearcherJobs(store, bucket, 'requester', new TaskCache({file}));
	t.is(again.jobs[0]?.about?.name, 'after');
});

test('a task.json rewritten with the summary kept in its content type is read, not trusted', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_795_000_001, name: 'summarised'});
	const key = taskKey(jobId);
	const stored = await store.get({container: bucket, key});
	const changed = (await text(stored.body)).replace('"summarised"', '"rewritten"');
	await store.put({container: bucket, key}, changed, {contentType: stored.head.contentType});
	const counted = countingTaskReads(store);
	const jobs = await loadResearcherJobs(counted.store, bucket, 'requester', new TaskCache());
	t.deepEqual(counted.reads, [key]);
	t.is(jobs.jobs[0]?.about?.name, 'rewritten');
	await asPythonWrote(store, jobId);
	const again = countingTaskReads(store);
	await loadResearcherJobs(again.store, bucket, 'requester', new TaskCache());
	t.deepEqual(again.reads, [key]);
});

test('a name too long for the content type: no summary, the task.json is read', async (t) => {
	const {store} = await localStore(t);
	const name = 'ü'.repeat(600);
	await seedJob(store, {seconds: 1_795_000_001, name});
	const counted = countingTaskReads(store);
	const jobs = await loadResearcherJobs(counted.store, bucket, 'requester', new TaskCache());
	t.is(counted.reads.length, 1);
	t.is(jobs.jobs[0]?.about?.name, name);
});

test('a damaged cache file is ignored: every task.json is read, and the file is written anew', async (t) => {
	const {store} = await localStore(t);
	await seedPythonStyleJob(store, {seconds: 1_795_000_001, name: 'only'});
	const file = TaskCacheFile.of(await cacheFolder(t), store.description, bucket);
	await loadResearcherJobs(store, bucket, 'requester', new TaskCache({file}));
	await writeFile(file.path, (await readFile(file.path, 'utf8')).slice(0, 40));

	const counted = countingTaskReads(store);
	const jobs = await loadResearcherJobs(counted.store, bucket, 'requester', new TaskCache({file}));
	t.is(jobs.jobs[0]?.about?.name, 'only');
	t.is(counted.reads.length, 1);
	const rewritten = await readFile(file.path, 'utf8');
	t.notThrows(() => JSON.parse(rewritten) as unknown);
});
