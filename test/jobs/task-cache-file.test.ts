import test from 'ava';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {loadResearcherJobs} from '../../source/jobs/researcher/load-jobs.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import {bucket, localStore, seedPythonStyleJob} from './analyst/seed.js';
import {dayOf, TaskCacheFile, type SavedTask} from '../../source/jobs/task-cache-file.js';

const folder = await mkdtemp(join(tmpdir(), 'ivjm-task-cache-file-'));
test.after.always(() => rm(folder, {recursive: true, force: true}));

const today = dayOf(Date.UTC(2026, 10, 25));
const task = (usedDay: number): SavedTask => ({hash: 'abc', body: '{"ID": "1-u"}', usedDay});

test('entries come back as saved; ones no start has needed for over 30 days are dropped', async (t) => {
	const file = TaskCacheFile.of(folder, 'Swift (test)', 'bucket-a');
	await file.save(
		new Map([
			['jobs/u/1-u/task.json', task(today)],
			['jobs/u/2-u/task.json', task(today - 30)],
			['jobs/u/3-u/task.json', task(today - 31)],
		]),
		today,
	);
	t.deepEqual([...(await file.load()).keys()], ['jobs/u/1-u/task.json', 'jobs/u/2-u/task.json']);
});

test('each store and bucket has its own file', (t) => {
	const paths = [
		TaskCacheFile.of(folder, 'Swift (a)', 'bucket').path,
		TaskCacheFile.of(folder, 'Swift (b)', 'bucket').path,
		TaskCacheFile.of(folder, 'Swift (a)', 'bucket-2').path,
	];
	t.is(new Set(paths).size, 3);
});

test('a missing, malformed or wrongly shaped file loads as empty, keeping the well-formed entries', async (t) => {
	const file = TaskCacheFile.of(folder, 'Swift (test)', 'bucket-b');
	t.is((await file.load()).size, 0);
	await writeFile(file.path, '{"version": 1, "tasks": {"a": ');
	t.is((await file.load()).size, 0);
	await writeFile(file.path, JSON.stringify({version: 1, tasks: {a: task(today), b: {hash: 1}}}));
	t.deepEqual([...(await file.load()).keys()], ['a']);
});

test('a cache that cannot be written (its folder is a file) costs nothing but the next start', async (t) => {
	const blocked = join(folder, 'not-a-folder');
	await writeFile(blocked, 'a file where the cache folder should be');
	const file = TaskCacheFile.of(blocked, 'Swift (test)', 'bucket-c');
	await t.throwsAsync(file.save(new Map([['a', task(today)]]), today));
	t.is((await file.load()).size, 0);
	const {store} = await localStore(t);
	await seedPythonStyleJob(store, {seconds: 1_795_000_001, name: 'kept in memory'});
	const cache = new TaskCache({file});
	const jobs = await loadResearcherJobs(store, bucket, 'requester', cache);
	t.is(jobs.jobs[0]?.about?.name, 'kept in memory');
});
