import {execFile} from 'node:child_process';
import {join} from 'node:path';
import test from 'ava';
import {repository} from '../helpers/run-cli.js';
import {bucket, localStore, seedJob} from '../jobs/analyst/seed.js';

type Run = {code: number; stderr: string};

/**
 * `ivjm ARGS | READER` in bash with pipefail, so the status is ivjm's own. The reader closes
 * the pipe before reading a byte: every write of ivjm meets a closed pipe (EPIPE).
 */
async function piped(root: string, home: string, args: string[]): Promise<Run> {
	const ivjm = [process.execPath, join(repository, 'dist', 'cli.js'), ...args]
		.concat(['--store', `local:${root}`, '--user', 'requester'])
		.map((word) => `'${word}'`)
		.join(' ');
	return new Promise((done) => {
		execFile(
			'/bin/bash',
			['-o', 'pipefail', '-c', `${ivjm} | (exec 0<&-; sleep 0.2)`],
			{
				cwd: home,
				env: {
					PATH: process.env['PATH'] ?? '',
					HOME: home,
					XDG_STATE_HOME: join(home, 'state'),
					XDG_CONFIG_HOME: join(home, 'config'),
					XDG_DATA_HOME: join(home, 'data'),
					XDG_CACHE_HOME: join(home, 'cache'),
					IVJM_KEYRING: 'none',
				},
			},
			(error, _stdout, stderr) =>
				done({code: typeof error?.code === 'number' ? error.code : 0, stderr}),
		);
	});
}

test('jobs and inbox into a pipe closed by its reader (| head -1) end quietly with status 0', async (t) => {
	const {store, folder} = await localStore(t);
	for (let index = 0; index < 5; index++) {
		await seedJob(store, {seconds: 1_800_300_000 + index, biobanks: ['HUS']}, bucket);
	}
	const root = join(folder, 'store');
	for (const args of [['jobs'], ['inbox', '--biobank', 'HUS'], ['jobs', '--json']]) {
		const run = await piped(root, folder, args);
		t.is(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
		t.is(run.stderr, '', `${args.join(' ')}: no EPIPE, no stack trace`);
	}
});
