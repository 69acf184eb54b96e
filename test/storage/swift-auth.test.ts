import {inspect} from 'node:util';
import {Readable} from 'node:stream';
import {text} from 'node:stream/consumers';
import test from 'ava';
import {
	Forbidden,
	NotFound,
	Unauthorized,
	Unavailable,
	type StorageError,
} from '../../source/storage/errors/index.js';
import {
	createHttpClient,
	createKeystoneV3Auth,
	createPreissuedTokenAuth,
	createSwiftStore,
	createTempAuth,
	renewingAuthenticator,
	tempAuthSignIn,
	type KeystoneV3Options,
} from '../../source/storage/swift/index.js';
import {
	expireTempAuthToken,
	removeContainer,
	testServers,
	uniqueContainer,
} from '../helpers/servers.js';

const servers = testServers();

/** Everything an error shows in a log or a crash report. */
const everything = (error: unknown) =>
	[inspect(error, {depth: 10}), (error as Error).stack ?? '', JSON.stringify(error)].join('\n');

const keystone = (options: Partial<KeystoneV3Options> = {}) =>
	createKeystoneV3Auth({
		authUrl: servers.keystoneUrl,
		username: 'requester',
		password: 'requesterpass',
		project: {name: 'project_2004504'},
		...options,
	});

test('a wrong Keystone password is Unauthorized, says so, and shows the password nowhere', async (t) => {
	const password = 'wrong-Secret-4711';
	const store = createSwiftStore({auth: keystone({password})});
	const error = await t.throwsAsync(store.containerExists('anything'), {instanceOf: Unauthorized});
	t.regex(error.message, /refused the user name or password of requester \(domain Default\)/);
	t.is(error.status, 401);
	t.false(everything(error).includes(password));
	await store.close();
});

test('an unknown project is Unauthorized and names the projects the user has', async (t) => {
	const store = createSwiftStore({auth: keystone({project: {name: 'project_9999999'}})});
	const error = await t.throwsAsync(store.containerExists('anything'), {instanceOf: Unauthorized});
	t.regex(error.message, /no access to project project_9999999/);
	t.regex(error.message, /projects this user can use: project_2004504/);
	t.false(everything(error).includes('requesterpass'));
	await store.close();
});

test('a user with only the reader role is Forbidden on Swift', async (t) => {
	const store = createSwiftStore({
		auth: keystone({username: 'reader', password: 'readerpass'}),
	});
	const error = await t.throwsAsync(store.createContainer(uniqueContainer('reader')), {
		instanceOf: Forbidden,
	});
	t.is(error.status, 403);
	t.truthy(error.transId);
	t.false(everything(error).includes('readerpass'));
	await store.close();
});

test('a wrong tempauth key is Unauthorized and the key is shown nowhere', async (t) => {
	const key = 'not-the-Key-0815';
	const store = createSwiftStore({
		auth: createTempAuth({authUrl: servers.tempauthUrl, user: servers.tempauthUser, key}),
	});
	const error = await t.throwsAsync(store.containerExists('anything'), {instanceOf: Unauthorized});
	t.regex(error.message, /refused the sign-in of test:tester/);
	t.false(everything(error).includes(key));
	await store.close();
});

test('errors carry container, key, status and trans id, never the session token', async (t) => {
	const auth = keystone();
	const store = createSwiftStore({auth});
	const {token} = await auth.getSession();
	const container = uniqueContainer('no-token');
	const missing: StorageError = await t.throwsAsync(store.get({container, key: 'a b/ü.txt'}), {
		instanceOf: NotFound,
	});
	t.like(missing, {container, key: 'a b/ü.txt', status: 404});
	t.regex(missing.transId ?? '', /^tx/);
	t.false(everything(missing).includes(token));

	const reader = createSwiftStore({auth: keystone({username: 'reader', password: 'readerpass'})});
	const forbidden = await t.throwsAsync(reader.list('x')[Symbol.asyncIterator]().next());
	t.false(everything(forbidden).includes(token));
	await store.close();
	await reader.close();
});

test('an unreachable Keystone is Unavailable, with the reason', async (t) => {
	const http = createHttpClient({retry: {retries: 1, baseDelayMs: 10}});
	const store = createSwiftStore({
		auth: keystone({authUrl: 'http://127.0.0.1:9/v3', http}),
		http,
	});
	const error = await t.throwsAsync(store.containerExists('x'), {instanceOf: Unavailable});
	t.is(error.message, 'Cannot reach http://127.0.0.1:9 (ECONNREFUSED)');
	await store.close();
});

/** A tempauth store whose sign-ins are counted. tester2 is used by no other test file. */
function countedTempAuth(user = 'test:tester2', key = 'testing2') {
	const counter = {signIns: 0};
	const signIn = tempAuthSignIn({authUrl: servers.tempauthUrl, user, key});
	const auth = renewingAuthenticator(
		async () => {
			counter.signIns++;
			return signIn();
		},
		{description: 'counted tempauth'},
	);
	return {auth, counter, store: createSwiftStore({auth}), user};
}

async function refused(storageUrl: string, token: string): Promise<number> {
	const response = await fetch(storageUrl, {method: 'HEAD', headers: {'x-auth-token': token}});
	return response.status;
}

// Serial: these expire tester2's token, which the other tests here would feel.
test.serial('an expired token is renewed and the call still succeeds', async (t) => {
	const {auth, counter, store, user} = countedTempAuth();
	const container = uniqueContainer('expiry');
	await store.createContainer(container);
	await store.put({container, key: 'task.json'}, '{}');
	const before = await auth.getSession();
	t.is(counter.signIns, 1);

	await expireTempAuthToken(servers, user, before.token);
	t.is(await refused(before.storageUrl, before.token), 401);

	t.is(await text((await store.get({container, key: 'task.json'})).body), '{}');
	t.is(counter.signIns, 2);
	t.not((await auth.getSession()).token, before.token);
	await removeContainer(store, await auth.getSession(), container);
	await store.close();
});

test.serial('eight calls that meet an expired token share one sign-in', async (t) => {
	const {auth, counter, store, user} = countedTempAuth();
	const container = uniqueContainer('single-flight');
	await store.createContainer(container);
	await store.put({container, key: 'marker'}, 'x');
	const {token} = await auth.getSession();
	const signedIn = counter.signIns;

	await expireTempAuthToken(servers, user, token);
	const heads = await Promise.all(
		Array.from({length: 8}, async () => store.head({container, key: 'marker'})),
	);
	t.is(heads.length, 8);
	t.is(counter.signIns, signedIn + 1);

	auth.invalidate((await auth.getSession()).token);
	await Promise.all(Array.from({length: 8}, async () => store.containerExists(container)));
	t.is(counter.signIns, signedIn + 2);
	await removeContainer(store, await auth.getSession(), container);
	await store.close();
});

test.serial(
	'a stream upload that meets an expired token is Unauthorized; sent again, it succeeds',
	async (t) => {
		const {auth, counter, store, user} = countedTempAuth();
		const container = uniqueContainer('stream-401');
		await store.createContainer(container);
		const {token} = await auth.getSession();
		await expireTempAuthToken(servers, user, token);

		const ref = {container, key: 'input/data.bin'};
		const error = await t.throwsAsync(store.put(ref, Readable.from([Buffer.from('part one')])), {
			instanceOf: Unauthorized,
		});
		t.regex(error.message, /send the upload again/);
		t.is(counter.signIns, 2);

		await store.put(ref, Readable.from([Buffer.from('part one')]));
		t.is(counter.signIns, 2);
		t.is(await text((await store.get(ref)).body), 'part one');
		await removeContainer(store, await auth.getSession(), container);
		await store.close();
	},
);

test.serial(
	'a pre-issued token works until Swift refuses it, then says to sign in again',
	async (t) => {
		const user = 'test2:tester2';
		const session = await tempAuthSignIn({authUrl: servers.tempauthUrl, user, key: 'testing2'})();
		const store = createSwiftStore({auth: createPreissuedTokenAuth(session)});
		const container = uniqueContainer('preissued');
		await store.createContainer(container);
		t.true(await store.containerExists(container));

		await expireTempAuthToken(servers, user, session.token);
		for (let call = 0; call < 2; call++) {
			const error = await t.throwsAsync(store.containerExists(container), {
				instanceOf: Unauthorized,
			});
			t.regex(error.message, /OS_AUTH_TOKEN.*sign in again/);
			t.false(everything(error).includes(session.token));
		}
		const fresh = await tempAuthSignIn({authUrl: servers.tempauthUrl, user, key: 'testing2'})();
		await removeContainer(
			createSwiftStore({auth: createPreissuedTokenAuth(fresh)}),
			fresh,
			container,
		);
		await store.close();
	},
);
