import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import type {ExecutionContext} from 'ava';
import type {z} from 'zod';

export const repository = resolve(import.meta.dirname, '../..');

/** What a run of the program left: its exit code and both streams. */
export type CliRun = {code: number; stdout: string; stderr: string};

/** How to run: the arguments after `ivjm`, and variables beside the private home's. */
export type CliOptions = {env?: Record<string, string>; cwd?: string; input?: string};

/**
 * A private home (its own XDG folders, no keyring) for one test, removed afterwards, and the
 * built program (`dist/cli.js`) run in it as a script runs it: no terminal on either stream.
 */
export async function cliHome(t: ExecutionContext, label = 'cli') {
	const home = await mkdtemp(join(tmpdir(), `ivjm-${label}-`));
	t.teardown(() => rm(home, {recursive: true, force: true, maxRetries: 5}));
	const environment = {
		PATH: process.env['PATH'] ?? '',
		HOME: home,
		XDG_STATE_HOME: join(home, 'state'),
		XDG_CONFIG_HOME: join(home, 'config'),
		XDG_DATA_HOME: join(home, 'data'),
		XDG_CACHE_HOME: join(home, 'cache'),
		IVJM_KEYRING: 'none',
	};
	const ivjm = async (args: readonly string[], options: CliOptions = {}): Promise<CliRun> =>
		runProgram([join(repository, 'dist', 'cli.js'), ...args], {
			cwd: options.cwd ?? home,
			env: {...environment, ...options.env},
			input: options.input,
		});
	// `environment`: for a test that starts the program itself (to kill it).
	return {home, ivjm, environment};
}

function runProgram(
	args: string[],
	options: {cwd: string; env: Record<string, string>; input?: string},
): Promise<CliRun> {
	return new Promise((done) => {
		const child = execFile(
			process.execPath,
			args,
			{cwd: options.cwd, env: options.env, maxBuffer: 64 * 1024 * 1024},
			(error, stdout, stderr) =>
				done({code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr}),
		);
		child.stdin?.end(options.input ?? '');
	});
}

/**
 * The one JSON document of a run, checked against its schema (source/commands/json-shapes.ts):
 * a test fails here, naming the field, when a command prints anything else.
 */
export function parsedJson<Shape extends z.ZodType>(
	t: ExecutionContext,
	run: CliRun,
	shape: Shape,
): z.infer<Shape> {
	let value: unknown;
	try {
		value = JSON.parse(run.stdout);
	} catch {
		t.fail(`stdout is not one JSON document (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
		throw new Error('not JSON');
	}
	const checked = shape.safeParse(value);
	if (!checked.success) {
		t.fail(`stdout does not fit its schema: ${checked.error.message}\n${run.stdout}`);
		throw new Error('not the schema');
	}
	return checked.data;
}

const keystonePasswords = {
	requester: 'requesterpass',
	analyst: 'analystpass',
	tester: 'testing',
} as const;

/**
 * The environment of a person of project_2004504 on the test Keystone (`test/server/start.sh`):
 * the program signs in with the password from OS_PASSWORD, as a cron job would.
 */
export function keystoneEnvironment(
	keystoneUrl: string,
	user: keyof typeof keystonePasswords,
): Record<string, string> {
	return {
		OS_AUTH_URL: keystoneUrl,
		OS_USERNAME: user,
		OS_PASSWORD: keystonePasswords[user],
		OS_PROJECT_NAME: 'project_2004504',
	};
}
