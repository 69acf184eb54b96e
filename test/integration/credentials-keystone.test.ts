import test from 'ava';
import {execFile} from 'node:child_process';
import {readFile, writeFile} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import {promisify} from 'node:util';
import {exitCodeFor, exitCodes} from '../../source/commands/exit-codes.js';
import {SignInState} from '../../source/credentials/saved-sign-in.js';
import {SignInNeeded} from '../../source/credentials/sign-in-needed.js';
import {openSession} from '../../source/session/open-session.js';
import type {SessionFlags} from '../../source/session/prepare-sign-in.js';
import {startSession} from '../../source/session/start-session.js';
import {Forbidden, Unauthorized} from '../../source/storage/errors/index.js';
import {createKeystoneV3Auth} from '../../source/storage/swift/index.js';
import type {Session} from '../../source/session/session.js';
import {FakeTerminal, noTerminal} from '../credentials/fake-terminal.js';
import {
	filesHolding,
	modeOf,
	TestHomes,
	testPasswords,
	type TestHome,
} from '../credentials/test-home.js';
import {expireKeystoneToken, testServers} from '../helpers/servers.js';
import {keystoneStore, swiftContainer} from '../jobs/analyst/swift.js';
import type {PasswordRequest} from '../../source/credentials/password-prompt.js';
import {Secret} from '../../source/credentials/secret.js';

const run = promisify(execFile);
const repository = resolve(import.meta.dirname, '../..');
const servers = testServers();
const homes = new TestHomes();
const project = 'project_2004504';
const bucket = `${project}-intervene-tasks`;
const sessions: Session[] = [];

type Opened = {home: TestHome; state: SignInState; session: Session};

async function options(home: TestHome, extra: Record<string, string | undefined>) {
	return {
		environment: home.environment({IVJM_KEYRING: 'none', ...extra}),
		cwd: await homes.inputs(`cwd-${home.home.split('/').at(-1) ?? ''}`),
		configFile: home.configFile,
		etc: await homes.inputs('etc'),
		state: new SignInState(home.stateFile),
	};
}

async function open(
	home: TestHome,
	environment: Record<string, string | undefined>,
	terminal = noTerminal,
	flags: SessionFlags = {},
): Promise<Opened> {
	const given = await options(home, environment);
	const session = await openSession(flags, {...given, terminal});
	sessions.push(session);
	return {home, state: given.state, session};
}

const requester = {
	OS_AUTH_URL: servers.keystoneUrl,
	OS_USERNAME: 'requester',
	OS_PASSWORD: 'requesterpass',
	OS_PROJECT_NAME: project,
};

test.after.always(async () => {
	for (const session of sessions) await (session.store as {close?: () => Promise<void>}).close?.();
});

test.after.always('no file ivjm wrote holds a password, and token files are 0600', async (t) => {
	const files = await homes.files();
	t.true(files.length > 0, `files: ${files.length}`);
	t.deepEqual(await filesHolding(files, testPasswords), []);
	for (const file of files.filter((path) => path.endsWith('sign-in.json'))) {
		t.is((await modeOf(file)).toString(8), '600', file);
		t.is((await modeOf(join(file, '..'))).toString(8), '700', file);
	}
	await homes.remove();
});

test('a password sign-in by project name reaches the bucket and saves the token 0600 in a 0700 folder', async (t) => {
	const home = await homes.make('by-name');
	const {session, state} = await open(home, requester);
	t.is(session.user, 'requester');
	t.is(session.bucket, bucket);
	t.regex(session.location, new RegExp(`^swift 127\\.0\\.0\\.1:\\d+ · ${project}$`, 'u'));
	t.is((await modeOf(home.stateFile)).toString(8), '600');
	t.is((await modeOf(join(home.stateFile, '..'))).toString(8), '700');
	const saved = await state.read();
	t.is(saved.tokens.length, 1);
	t.is(saved.tokens[0]?.projectName, project);
	t.true(Date.parse(saved.tokens[0]?.expiresAt ?? '') > Date.now());
	t.false((await readFile(home.stateFile, 'utf8')).includes('requesterpass'));
});

test('a password sign-in by project id learns the project name, which names the bucket', async (t) => {
	const home = await homes.make('by-id');
	const id = servers.keystoneProjectId;
	t.truthy(id, 'start.sh exports KEYSTONE_PROJECT_ID');
	const {session} = await open(home, {...requester, OS_PROJECT_NAME: undefined, OS_PROJECT_ID: id});
	t.is(session.bucket, bucket);
	t.regex(session.location, new RegExp(` · ${project}$`, 'u'));
});

test('the token pair of allas-conf needs no password; Keystone says whose token it is', async (t) => {
	const signedIn = await createKeystoneV3Auth({
		authUrl: servers.keystoneUrl,
		username: 'requester',
		password: 'requesterpass',
		project: {name: project},
	}).getSession();
	const home = await homes.make('token-pair');
	const {session, state} = await open(home, {
		OS_AUTH_URL: servers.keystoneUrl,
		OS_AUTH_TOKEN: signedIn.token,
		OS_STORAGE_URL: signedIn.storageUrl,
	});
	t.is(session.user, 'requester');
	t.is(session.bucket, bucket);
	t.true(await session.store.containerExists(bucket).then(() => true));
	t.deepEqual((await state.read()).tokens, [], 'a token from the environment is not saved');
});

test('a clouds.yaml entry named by OS_CLOUD signs in, with the password in secure.yaml', async (t) => {
	const home = await homes.make('clouds-yaml');
	const given = await options(home, {OS_CLOUD: 'allas-test'});
	await writeFile(
		join(given.cwd, 'clouds.yaml'),
		[
			'clouds:',
			'  allas-test:',
			'    auth:',
			`      auth_url: ${servers.keystoneUrl}`,
			'      username: requester',
			`      project_name: ${project}`,
			'      user_domain_name: Default',
			'      project_domain_name: Default',
			'    region_name: RegionOne',
			'    interface: public',
			'    identity_api_version: 3',
			'',
		].join('\n'),
	);
	await writeFile(
		join(given.cwd, 'secure.yaml'),
		'clouds:\n  allas-test:\n    auth:\n      password: requesterpass\n',
	);
	const session = await openSession({}, {...given, terminal: noTerminal});
	sessions.push(session);
	t.is(session.user, 'requester');
	t.is(session.bucket, bucket);
});

test('a wrong password is refused in words that say so, and the message holds no password', async (t) => {
	const home = await homes.make('wrong-password');
	const error = await t.throwsAsync(open(home, {...requester, OS_PASSWORD: 'wrong-password-7'}), {
		instanceOf: Unauthorized,
	});
	t.regex(
		error.message,
		/^OS_PASSWORD: Keystone at .* refused the user name or password of requester/u,
	);
	t.false(error.message.includes('wrong-password-7'));
	t.is(exitCodeFor(error), exitCodes.auth);
});

test('a project the user has no role on is named, with the projects the user has', async (t) => {
	const home = await homes.make('wrong-project');
	const error = await t.throwsAsync(open(home, {...requester, OS_PROJECT_NAME: 'project_other'}), {
		instanceOf: Unauthorized,
	});
	t.regex(error.message, /accepted requester .* but gives no access to project project_other/u);
	t.regex(error.message, /projects this user can use: project_2004504/u);
});

test('a user whose role gives no object storage is told so at sign-in (Swift 403)', async (t) => {
	const home = await homes.make('reader');
	const error = await t.throwsAsync(
		open(home, {...requester, OS_USERNAME: 'reader', OS_PASSWORD: 'readerpass'}),
		{instanceOf: Forbidden},
	);
	t.regex(
		error.message,
		/reader signed in to project_2004504, but Swift refuses access to the bucket/u,
	);
	t.regex(error.message, /ask the project's manager/u);
	t.is(exitCodeFor(error), exitCodes.auth);
	t.deepEqual((await new SignInState(home.stateFile).read()).tokens, [], 'no token saved for it');
});

test('an expired saved token asks for the password once; the new token is then reused', async (t) => {
	const home = await homes.make('expired');
	const first = await open(home, requester);
	const saved = await first.state.read();
	const stale = saved.tokens[0];
	t.truthy(stale);
	await writeFile(
		home.stateFile,
		JSON.stringify({
			...saved,
			tokens: [{...stale, expiresAt: new Date(Date.now() - 60_000).toISOString()}],
		}),
		{mode: 0o600},
	);
	const withoutPassword = {...requester, OS_PASSWORD: undefined};
	const terminal = new FakeTerminal(['requesterpass']);
	const second = await open(home, withoutPassword, terminal);
	t.is(terminal.prompts, 1);
	t.regex(terminal.shown, /Password for requester at http:\/\/127\.0\.0\.1:\d+\/v3: /u);
	t.false(terminal.shown.includes('requesterpass'), 'the password is not echoed');
	t.is(second.session.user, 'requester');
	const renewed = (await second.state.read()).tokens[0];
	t.not(renewed?.token, stale?.token);

	const again = new FakeTerminal([]);
	await open(home, withoutPassword, again);
	t.is(again.prompts, 0, 'the renewed token is reused without asking');
});

test('a saved token that Swift refuses asks for the password once and is replaced', async (t) => {
	const home = await homes.make('refused');
	const first = await open(home, requester);
	const saved = await first.state.read();
	const token = saved.tokens[0];
	t.truthy(token);
	await writeFile(
		home.stateFile,
		JSON.stringify({...saved, tokens: [{...token, token: 'gAAAA-not-a-token'}]}),
		{mode: 0o600},
	);
	const terminal = new FakeTerminal(['requesterpass']);
	const second = await open(home, {...requester, OS_PASSWORD: undefined}, terminal);
	t.is(terminal.prompts, 1);
	t.true(await second.session.store.containerExists(bucket).then(() => true));
	t.not((await second.state.read()).tokens[0]?.token, 'gAAAA-not-a-token');
});

test('with no password, no token and no terminal, a subcommand fails at once naming the variables', async (t) => {
	const home = await homes.make('no-credentials');
	const started = Date.now();
	const error = await t.throwsAsync(
		open(home, {OS_AUTH_URL: servers.keystoneUrl, OS_USERNAME: 'requester'}),
		{
			instanceOf: SignInNeeded,
		},
	);
	t.true(Date.now() - started < 5000);
	for (const name of [
		'OS_PASSWORD',
		'OS_USERNAME',
		'OS_AUTH_TOKEN',
		'OS_STORAGE_URL',
		'OS_CLOUD',
	]) {
		t.true(error.message.includes(name), name);
	}
	t.is(exitCodeFor(error), exitCodes.auth);
});

test('the TUI start offers the sign-in screen, whose submit explains refusals and then signs in', async (t) => {
	const home = await homes.make('tui-start');
	const given = await options(home, {OS_AUTH_URL: servers.keystoneUrl});
	const start = await startSession({store: 'swift'}, given);
	if (!('signIn' in start)) throw new Error('expected the sign-in screen');
	const request = start.signIn;
	t.is(request.project, project);
	t.is(request.username, '');
	t.true('missing' in request.keyring);
	const form = {username: 'requester', password: 'wrong-password-7', project, remember: false};
	await t.throwsAsync(request.submit(form), {instanceOf: Unauthorized});
	const session = await request.submit({...form, password: 'requesterpass'});
	sessions.push(session);
	t.is(session.user, 'requester');

	const next = await startSession({}, await options(home, {OS_AUTH_URL: servers.keystoneUrl}));
	t.true('session' in next, 'the next start signs in with the saved token, asking nothing');
	if ('session' in next) sessions.push(next.session);
});

async function cli(
	home: TestHome,
	args: string[],
	environment: Record<string, string | undefined>,
) {
	return run(
		'node',
		[`--import=${import.meta.resolve('tsx')}`, join(repository, 'source/cli.tsx'), ...args],
		{
			cwd: await homes.inputs('cli-cwd'),
			env: home.environment({IVJM_KEYRING: 'none', ...environment}),
		},
	).then(
		({stdout, stderr}) => ({code: 0, stdout, stderr}),
		(error: {code: number; stdout: string; stderr: string}) => error,
	);
}

test('ivjm config --check signs in from OS_PASSWORD with no terminal; a missing bucket exits 4 with the next step; without credentials it exits 3', async (t) => {
	const home = await homes.make('cli');
	// A bucket of this test's own, made (and removed) here: ivjm never creates one.
	const own = await swiftContainer(t, 'config-check', keystoneStore('requester'));
	const ok = await cli(home, ['config', '--check', '--bucket', own], requester);
	t.is(ok.code, 0, ok.stderr);
	// Piped: one setting a line, tab-separated; a secret is only said to be set, not its length.
	t.regex(ok.stdout, /^password\tset\tOS_PASSWORD$/mu);
	t.regex(ok.stdout, /^check\tsigned in as requester; the bucket \S+ answers\t/mu);
	t.false(ok.stdout.includes('requesterpass'));

	const missing = await cli(home, ['config', '--check', '--bucket', 'no-such-bucket'], requester);
	t.is(missing.code, exitCodes.notFound, missing.stderr);
	t.regex(missing.stderr, /the bucket no-such-bucket does not exist\.\nCheck the bucket's name/u);

	const logout = await cli(home, ['logout'], {});
	t.is(logout.code, 0, logout.stderr);
	t.regex(logout.stdout, /removed the saved sign-in/u);

	const refused = await cli(home, ['config', '--check'], {...requester, OS_PASSWORD: undefined});
	t.is(refused.code, exitCodes.auth);
	t.regex(refused.stderr, /no terminal to ask in\. Set OS_PASSWORD/u);
});

test('a saved sign-in that runs out mid-session asks the TUI for the password, then goes on', async (t) => {
	const home = await homes.make('renewal');
	const given = await options(home, {OS_AUTH_URL: servers.keystoneUrl});
	const start = await startSession({store: 'swift'}, given);
	if (!('signIn' in start)) throw new Error('expected the sign-in screen');
	const form = {username: 'requester', password: 'requesterpass', project, remember: false};
	sessions.push(await start.signIn.submit(form));

	const next = await startSession({}, await options(home, {OS_AUTH_URL: servers.keystoneUrl}));
	if (!('session' in next)) throw new Error('expected the saved token to sign in');
	const {session} = next;
	sessions.push(session);
	const requests: PasswordRequest[] = [];
	const answers = ['wrong-password-7', 'requesterpass'];
	session.renewal?.listen((request) => {
		if (!request) return;
		requests.push(request);
		request.answer(new Secret(answers.shift() ?? ''));
	});
	const saved = (await given.state.read()).tokens[0]?.token ?? '';
	await expireKeystoneToken(servers, saved);

	await t.throwsAsync(session.store.containerExists(bucket), {instanceOf: Unauthorized});
	// The second answer renews the sign-in (the bucket need not exist: the call must not be refused).
	await t.notThrowsAsync(session.store.containerExists(bucket));
	t.is(requests.length, 2);
	t.like(requests[0], {username: 'requester', project});
	const kept = (await given.state.read()).tokens[0]?.token;
	t.truthy(kept);
	t.not(kept, saved, 'the new token is kept for the next start');
});
