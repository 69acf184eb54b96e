import test from 'ava';
import {loadInbox, loadInboxJob, maxTaskBytes} from '../../../source/jobs/analyst/load-inbox.js';
import {NotInInbox} from '../../../source/jobs/analyst/analyst-errors.js';
import {writeMarker} from '../../../source/jobs/write-marker.js';
import {biobankTaskKey, requestKey, taskContentType} from '../../../source/protocol/index.js';
import type {ListOptions, ObjectStore} from '../../../source/storage/store.js';
import {copyFixtureObjects} from '../../helpers/fixtures-store.js';
import {bucket, caches, clockAt, localStore, seedJob, seedRawJob} from './seed.js';

const fixtureJob = '1795597505-requester';

/** The store, counting the listings asked of it (which prefixes). */
function countingLists(store: ObjectStore): {store: ObjectStore; prefixes: string[]} {
	const prefixes: string[] = [];
	return {
		prefixes,
		store: {
			...store,
			list(container: string, options?: ListOptions) {
				prefixes.push(options?.prefix ?? '');
				return store.list(container, options);
			},
		},
	};
}

test("the Python tools' finished job is ready in the HUS inbox with its task; its view says who delivered it", async (t) => {
	const {store} = await localStore(t);
	await copyFixtureObjects(store, bucket);
	const inbox = await loadInbox(store, bucket, 'HUS', caches());
	t.is(inbox.jobs.length, 1);
	const job = inbox.jobs[0];
	t.like(job, {
		jobId: fixtureJob,
		user: 'requester',
		status: 'ready',
		claimable: false,
		analysisType: 'other',
		inputBytes: 34,
		missingInputs: 0,
	});
	// The table does not read a settled job's marker bodies; the job's own view does.
	t.is(job?.holder, undefined);
	t.like((await loadInboxJob(store, bucket, 'HUS', fixtureJob, caches())).holder, {
		marker: 'ready',
		by: 'analyst',
		at: '2026-11-25 09:05:09.928776',
	});
	t.is(job?.task?.name, 'e2e-test-task');
	t.is(job?.problems, undefined);
	t.deepEqual(
		job?.instructions.map((file) => [file.name, file.bytes]),
		[['README_instructions.txt', 33]],
	);
});

test('a job with only status/submitted waits in the inbox and can be claimed', async (t) => {
	const {store} = await localStore(t);
	await copyFixtureObjects(store, bucket, {
		include: (object) => !/status\/(processing|ready)$|results\//.test(object.key),
	});
	const inbox = await loadInbox(store, bucket, 'FIMM', caches());
	t.like(inbox.jobs[0], {jobId: fixtureJob, status: 'waiting', claimable: true});
	t.is(inbox.jobs[0]?.holder, undefined);
});

test('the inbox lists newest first and only the jobs addressed to the biobank', async (t) => {
	const {store} = await localStore(t);
	const old = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const recent = await seedJob(store, {
		seconds: 1_700_100_000,
		user: 'asmith',
		biobanks: ['HUS', 'FIMM'],
	});
	await seedJob(store, {seconds: 1_700_200_000, biobanks: ['FIMM']});
	const inbox = await loadInbox(store, bucket, 'HUS', caches());
	t.deepEqual(
		inbox.jobs.map((job) => job.jobId),
		[recent, old],
	);
});

test('both listing strategies give the same inbox', async (t) => {
	const {store} = await localStore(t);
	for (let index = 0; index < 6; index++) {
		await seedJob(store, {seconds: 1_700_000_000 + index, biobanks: ['HUS', 'FIMM']});
	}

	const ids = async (strategy: 'per-job' | 'whole-bucket') =>
		(await loadInbox(store, bucket, 'HUS', caches(), {strategy})).jobs.map((job) => [
			job.jobId,
			job.status,
			job.inputBytes,
			job.task?.name,
		]);
	t.deepEqual(await ids('per-job'), await ids('whole-bucket'));
});

test('the first load lists the whole bucket once; a refresh lists only the open jobs', async (t) => {
	const {store: plain} = await localStore(t);
	const done = await seedJob(plain, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const open = await seedJob(plain, {seconds: 1_700_000_100, biobanks: ['HUS']});
	await writeMarker(plain, bucket, clockAt(1_700_000_500_000), {
		jobId: done,
		biobank: 'HUS',
		marker: 'ready',
		by: 'lvirtanen',
	});
	const {store, prefixes} = countingLists(plain);
	const shared = caches();
	await loadInbox(store, bucket, 'HUS', shared);
	t.deepEqual(prefixes.sort(), ['HUS/requests/', 'jobs/'], 'the first load lists the bucket once');
	prefixes.length = 0;
	const again = await loadInbox(store, bucket, 'HUS', shared);
	t.deepEqual(prefixes.sort(), ['HUS/requests/', `jobs/requester/${open}/`]);
	t.deepEqual(
		again.jobs.map((job) => [job.jobId, job.status]),
		[
			[open, 'waiting'],
			[done, 'ready'],
		],
	);
});

test('a malformed task.json becomes a row with its problems, and the other rows still load', async (t) => {
	const {store} = await localStore(t);
	const good = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await seedRawJob(store, {jobId: '1700000100-mallory', taskText: '{"ID": "1700000100-mallory",'});
	await seedRawJob(store, {
		jobId: '1700000200-mallory',
		taskText: JSON.stringify({ID: '1700000200-mallory', name: 42}),
	});
	const inbox = await loadInbox(store, bucket, 'HUS', caches());
	t.deepEqual(
		inbox.jobs.map((job) => job.jobId),
		['1700000200-mallory', '1700000100-mallory', good],
	);
	t.regex(inbox.jobs[1]?.problems?.[0]?.message ?? '', /not valid JSON/);
	t.true((inbox.jobs[0]?.problems ?? []).some((problem) => problem.path === 'name'));
	t.is(inbox.jobs[2]?.problems, undefined);
	t.is(inbox.jobs[2]?.task?.id, good);
});

test('an inbox note that points at another job is refused, not followed', async (t) => {
	const {store} = await localStore(t);
	const victim = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await store.put(
		{container: bucket, key: requestKey('HUS', '1700000100-mallory')},
		biobankTaskKey(victim, 'HUS'),
		{contentType: taskContentType},
	);
	const inbox = await loadInbox(store, bucket, 'HUS', caches());
	const forged = inbox.jobs.find((job) => job.jobId === '1700000100-mallory');
	t.is(forged?.task, undefined);
	t.regex(forged?.problems?.[0]?.message ?? '', /points at job/);
});

test('a task.json larger than a megabyte is refused unread', async (t) => {
	const {store} = await localStore(t);
	const jobId = '1700000100-mallory';
	await seedRawJob(store, {
		jobId,
		taskText: JSON.stringify({ID: jobId, name: 'x'.repeat(maxTaskBytes)}),
	});
	const inbox = await loadInbox(store, bucket, 'HUS', caches());
	t.regex(inbox.jobs[0]?.problems?.[0]?.message ?? '', /at most 1048576 bytes, so it was not read/);
});

test('an input missing from storage is counted and marked', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await store.delete({container: bucket, key: `jobs/requester/${jobId}/input/input1.txt`});
	const job = await loadInboxJob(store, bucket, 'HUS', jobId, caches());
	t.is(job.missingInputs, 1);
	t.like(job.inputs[0], {name: 'input1.txt', missing: true});
});

test('one job without an inbox note at the biobank is not in its inbox', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['FIMM']});
	await t.throwsAsync(loadInboxJob(store, bucket, 'HUS', jobId, caches()), {
		instanceOf: NotInInbox,
		message: `There is no request for job ${jobId} in the inbox of HUS.`,
	});
});

test('listing job by job, a settled job is listed once and then taken from the cache', async (t) => {
	const {store: plain} = await localStore(t);
	const done = await seedJob(plain, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await writeMarker(plain, bucket, clockAt(1_700_000_500_000), {
		jobId: done,
		biobank: 'HUS',
		marker: 'ready',
		by: 'lvirtanen',
	});
	const {store, prefixes} = countingLists(plain);
	const shared = caches();
	await loadInbox(store, bucket, 'HUS', shared, {strategy: 'per-job'});
	t.deepEqual(prefixes.sort(), ['HUS/requests/', `jobs/requester/${done}/`]);
	prefixes.length = 0;
	const again = await loadInbox(store, bucket, 'HUS', shared, {strategy: 'per-job'});
	t.deepEqual(prefixes, ['HUS/requests/']);
	t.is(again.jobs[0]?.status, 'ready');
	t.is(again.jobs[0]?.task?.id, done);
});

test("a job failed and then taken up again is processing; its view reads the earlier failure's reason, the table does not", async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await writeMarker(store, bucket, clockAt(1_700_000_100_000), {
		jobId,
		biobank: 'HUS',
		marker: 'failed',
		by: 'lvirtanen',
		reason: 'out of memory at 2 GB',
	});
	await writeMarker(store, bucket, clockAt(1_700_000_200_000), {
		jobId,
		biobank: 'HUS',
		marker: 'processing',
		by: 'kmakinen',
	});
	const job = await loadInboxJob(store, bucket, 'HUS', jobId, caches());
	t.is(job.status, 'processing');
	t.like(job.holder, {marker: 'processing', by: 'kmakinen'});
	t.like(job.earlier, {marker: 'failed', by: 'lvirtanen', reason: 'out of memory at 2 GB'});
	const row = (await loadInbox(store, bucket, 'HUS', caches())).jobs[0];
	t.is(row?.status, 'processing');
	t.is(row?.earlier, undefined);
});
