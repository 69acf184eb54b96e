import test from 'ava';
import {execFile} from 'node:child_process';
import {readdir, readFile, stat} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import {promisify} from 'node:util';
import {TestHomes, type TestHome} from '../credentials/test-home.js';
import {taskKey} from '../../source/protocol/keys.js';
import {localStore, seedJob, seedPythonStyleJob} from '../jobs/analyst/seed.js';

const run = promisify(execFile);
const repository = resolve(import.meta.dirname, '../..');
const homes = new TestHomes();
test.after.always(() => homes.remove());

async function cli(home: TestHome, args: string[]) {
	return run(
		'node',
		[`--import=${import.meta.resolve('tsx')}`, join(repository, 'source/cli.tsx'), ...args],
		{cwd: await homes.inputs('cli-cwd'), env: home.environment({IVJM_KEYRING: 'none'})},
	).then(
		({stdout, stderr}) => ({code: 0, stdout, stderr}),
		(error: {code: number; stdout: string; stderr: string}) => error,
	);
}

test('ivjm keeps the job descriptions it read in the cache folder (0600); ivjm logout removes them', async (t) => {
	const home = await homes.make('task-cache');
	const {folder: storeFolder, store} = await localStore(t);
	// One job as ivjm writes it (the listing describes it) and one as the Python tools do.
	await seedJob(store, {user: 'jdoe', seconds: 1_795_000_001, name: 'by ivjm'});
	const python = await seedPythonStyleJob(store, {user: 'jdoe', seconds: 1_795_000_002});
	const local = ['--store', `local:${join(storeFolder, 'store')}`, '--user', 'jdoe'];
	const jobs = await cli(home, ['jobs', '--json', ...local]);
	t.is(jobs.code, 0, jobs.stderr);
	const listed = (JSON.parse(jobs.stdout) as {jobs: Array<{id: string; name: string | null}>}).jobs;
	t.deepEqual(
		listed.map((job) => job.name),
		['task 1795000002', 'by ivjm'],
	);
	const folder = join(home.home, '.cache', 'ivjm', 'tasks');
	const files = await readdir(folder);
	t.is(files.length, 1);
	const kept = JSON.parse(await readFile(join(folder, files[0]!), 'utf8')) as {
		tasks: Record<string, unknown>;
	};
	t.deepEqual(Object.keys(kept.tasks), [taskKey(python)]);
	t.is((await stat(join(folder, files[0]!))).mode & 0o777, 0o600);

	const logout = await cli(home, ['logout']);
	t.is(logout.code, 0, logout.stderr);
	t.regex(logout.stdout, /removed the kept job descriptions/u);
	await t.throwsAsync(readdir(folder), {code: 'ENOENT'});
});
