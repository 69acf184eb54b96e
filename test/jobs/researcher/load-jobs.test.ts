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
import {bucket, localStore, seedJob} from '../analyst/seed.js';
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
	test(`${target.name}: a second start reads no task.json it has read before, only the new job's`, async (t) => {
		const {store, bucket} = await target.open(t);
		const first = await seedJob(store, {seconds: 1_795_000_001, name: 'first'}, bucket);
		const second = await seedJob(store, {seconds: 1_795_000_002, name: 'second'}, bucket);
		const file = TaskCacheFile.of(await cacheFolder(t), store.description, bucket);

		const cold = countingTaskReads(store);
		const before = await loadResearcherJobs(cold.store, bucket, 'requester', new TaskCache({file}));
		t.deepEqual(cold.reads.sort(), [taskKey(first), taskKey(second)]);
		t.is((await stat(file.path)).mode & 0o777, 0o600);

		const third = await seedJob(store, {seconds: 1_795_000_003, name: 'third'}, bucket);
		const warm = countingTaskReads(store);
		const after = await loadResearcherJobs(warm.store, bucket, 'requester', new TaskCache({file}));
		t.deepEqual(warm.reads, [taskKey(third)]);
		t.deepEqual(
			after.jobs.map((job) => job.task?.name),
			['third', ...before.jobs.map((job) => job.task?.name)],
		);
	});
}

test('the table comes first from the listing alone, then fills in as the task.json files arrive', async (t) => {
	const {store} = await localStore(t);
	for (let second = 1; second <= 5; second++) {
		await seedJob(store, {seconds: 1_795_000_000 + second, name: `job ${second}`});
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
	t.true(first.jobs.every((job) => job.pending === true && job.task === undefined));
	// Statuses are there before any task.json: the listing holds every marker.
	t.deepEqual(
		first.jobs.map((job) => job.status.biobanks.map((state) => state.status)),
		done.jobs.map((job) => job.status.biobanks.map((state) => state.status)),
	);
	t.true(done.jobs.every((job) => job.pending === undefined && job.task !== undefined));
	t.true(partials.length >= 2);
});

test('a task.json that changed (new ETag) is read again, not served from the cache', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_795_000_001, name: 'before'});
	const file = TaskCacheFile.of(await cacheFolder(t), store.description, bucket);
	await loadResearcherJobs(store, bucket, 'requester', new TaskCache({file}));
	const {body} = await store.get({container: bucket, key: taskKey(jobId)});
	const changed = (await text(body)).replace('"before"', '"after"');
	await store.put({container: bucket, key: taskKey(jobId)}, changed);
	const again = await loadResearcherJobs(store, bucket, 'requester', new TaskCache({file}));
	t.is(again.jobs[0]?.task?.name, 'after');
});

test('a damaged cache file is ignored: every task.json is read, and the file is written anew', async (t) => {
	const {store} = await localStore(t);
	await seedJob(store, {seconds: 1_795_000_001, name: 'only'});
	const file = TaskCacheFile.of(await cacheFolder(t), store.description, bucket);
	await loadResearcherJobs(store, bucket, 'requester', new TaskCache({file}));
	await writeFile(file.path, (await readFile(file.path, 'utf8')).slice(0, 40));

	const counted = countingTaskReads(store);
	const jobs = await loadResearcherJobs(counted.store, bucket, 'requester', new TaskCache({file}));
	t.is(jobs.jobs[0]?.task?.name, 'only');
	t.is(counted.reads.length, 1);
	const rewritten = await readFile(file.path, 'utf8');
	t.notThrows(() => JSON.parse(rewritten) as unknown);
});
