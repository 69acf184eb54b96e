/**
 * `npm run release` as a secure host without internet meets it: the tarball installed into an
 * empty prefix with the registry on a closed port and an empty npm cache, and the single
 * executable run with no Node on PATH; each reads a job the Python tools wrote, from the real
 * Swift through Keystone.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, readFile, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {createKeystoneV3Auth, createSwiftStore} from '../../source/storage/swift/index.js';
import {copyFixtureObjects} from '../helpers/fixtures-store.js';
import {removeContainer, testServers, uniqueContainer} from '../helpers/servers.js';

const run = promisify(execFile);
const repository = resolve(import.meta.dirname, '../..');
const servers = testServers();
const project = 'project_2004504';
const fixtureJob = '1795597505-requester';
const {version} = JSON.parse(await readFile(join(repository, 'package.json'), 'utf8')) as {
	version: string;
};
/** What a bug report quotes: the version, and the commit and day the release was built from. */
const versionLine = new RegExp(
	`^ivjm ${version.replaceAll('.', '\\.')} \\(commit [\\da-f]{7,}(\\+changes)?, built \\d{4}-\\d{2}-\\d{2}\\)\\n$`,
	'u',
);
const auth = createKeystoneV3Auth({
	authUrl: servers.keystoneUrl,
	username: 'requester',
	password: 'requesterpass',
	project: {name: project},
});
const store = createSwiftStore({auth});
const container = uniqueContainer('release');
let scratch = '';
let tarball = '';
let executable = '';

test.before(async () => {
	scratch = await mkdtemp(join(tmpdir(), 'ivjm-release-'));
	const out = join(scratch, 'release');
	const {stdout} = await run(process.execPath, ['--import=tsx', 'build/release.ts', '--out', out], {
		cwd: repository,
		maxBuffer: 16 * 1024 * 1024,
	});
	[tarball = '', executable = ''] = stdout.trim().split('\n');
	await store.createContainer(container);
	await copyFixtureObjects(store, container);
});

test.after.always(async () => {
	const session = await auth.getSession();
	await removeContainer(store, {storageUrl: session.storageUrl, token: session.token}, container);
	await store.close();
	if (scratch) await rm(scratch, {recursive: true, force: true});
});

/** A user with a home of their own, signed in by the OS_* variables, and the given PATH. */
function userEnvironment(home: string, path: string): NodeJS.ProcessEnv {
	return {
		PATH: path,
		HOME: home,
		XDG_CONFIG_HOME: join(home, 'config'),
		XDG_STATE_HOME: join(home, 'state'),
		XDG_CACHE_HOME: join(home, 'cache'),
		OS_AUTH_URL: servers.keystoneUrl,
		OS_USERNAME: 'requester',
		OS_PASSWORD: 'requesterpass',
		OS_PROJECT_NAME: project,
	};
}

test('the tarball installs with no registry and no cache, and the installed ivjm lists a job from Swift', async (t) => {
	const prefix = join(scratch, 'prefix');
	const install = await run(
		'npm',
		['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball],
		{
			env: {
				...process.env,
				npm_config_registry: 'http://127.0.0.1:9/',
				npm_config_cache: join(scratch, 'empty-npm-cache'),
				npm_config_fetch_retries: '0',
			},
		},
	);
	t.regex(install.stdout, /added 1 package/u);
	const installed = join(prefix, 'lib', 'node_modules', 'ivjm', 'node_modules');
	t.deepEqual((await readdir(installed)).sort(), ['@napi-rs', 'keytar']);
	const home = await mkdtemp(join(scratch, 'home-'));
	const ivjm = join(prefix, 'bin', 'ivjm');
	const environment = userEnvironment(home, process.env['PATH'] ?? '');
	const help = await run(ivjm, ['--help'], {env: environment});
	t.regex(help.stdout, /Usage/u);
	t.regex((await run(ivjm, ['--version'], {env: environment})).stdout, versionLine);
	const jobs = await run(ivjm, ['jobs', '--json', '--bucket', container], {env: environment});
	t.true(jobs.stdout.includes(fixtureJob), jobs.stdout);
});

test('the single executable runs with no Node on PATH, and writes its program out once', async (t) => {
	const home = await mkdtemp(join(scratch, 'home-'));
	const environment = userEnvironment(home, join(scratch, 'no-such-folder'));
	const help = await run(executable, ['--help'], {env: environment});
	t.regex(help.stdout, /Usage/u);
	t.regex((await run(executable, ['--version'], {env: environment})).stdout, versionLine);
	const jobs = await run(executable, ['jobs', '--json', '--bucket', container], {env: environment});
	t.true(jobs.stdout.includes(fixtureJob), jobs.stdout);
	const programs = await readdir(join(home, 'cache', 'ivjm', 'programs'));
	t.is(programs.length, 1, programs.join(', '));
	t.regex(programs[0] ?? '', /^program-\d+\.\d+\.\d+-[\da-f]{12}$/u);
});
