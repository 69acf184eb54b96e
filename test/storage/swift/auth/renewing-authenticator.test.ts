import test from 'ava';
import {renewingAuthenticator} from '../../../../source/storage/swift/auth/renewing-authenticator.js';
import type {Session} from '../../../../source/storage/swift/auth/session.js';

const minute = 60_000;

/** A sign-in that hands out token-1, token-2… valid for `lifeMs` from the fake clock's now. */
function fakeIdentity(lifeMs = 60 * minute) {
	const state = {now: 0, signIns: 0};
	const signIn = async (): Promise<Session> => {
		state.signIns++;
		await new Promise<void>((resolve) => {
			setImmediate(resolve);
		});
		return {
			token: `token-${state.signIns}`,
			storageUrl: 'https://swift.example/v1/AUTH_p',
			expiresAt: new Date(state.now + lifeMs),
		};
	};
	const auth = renewingAuthenticator(signIn, {
		description: 'fake',
		marginMs: 2 * minute,
		now: () => state.now,
	});
	return {auth, state};
}

test('a session is reused until two minutes before it expires', async (t) => {
	const {auth, state} = fakeIdentity();
	t.is((await auth.getSession()).token, 'token-1');
	state.now = 57 * minute;
	t.is((await auth.getSession()).token, 'token-1');
	state.now = 58 * minute;
	t.is((await auth.getSession()).token, 'token-2');
	t.is(state.signIns, 2);
});

test('a short-lived token is renewed at half its life, not at every call', async (t) => {
	const {auth, state} = fakeIdentity(60_000);
	await auth.getSession();
	state.now = 29_000;
	t.is((await auth.getSession()).token, 'token-1');
	state.now = 31_000;
	t.is((await auth.getSession()).token, 'token-2');
});

test('eight callers after an invalidation share one sign-in', async (t) => {
	const {auth, state} = fakeIdentity();
	const {token} = await auth.getSession();
	auth.invalidate(token);
	const sessions = await Promise.all(Array.from({length: 8}, async () => auth.getSession()));
	t.is(state.signIns, 2);
	t.true(sessions.every((session) => session.token === 'token-2'));
});

test('invalidating a token already replaced keeps the new session', async (t) => {
	const {auth, state} = fakeIdentity();
	const first = await auth.getSession();
	auth.invalidate(first.token);
	await auth.getSession();
	auth.invalidate(first.token);
	t.is((await auth.getSession()).token, 'token-2');
	t.is(state.signIns, 2);
});

test('a failed sign-in reaches every waiting caller, and the next call tries again', async (t) => {
	let attempts = 0;
	const auth = renewingAuthenticator(
		async () => {
			attempts++;
			if (attempts === 1) throw new Error('Keystone is down');
			return {token: 'ok', storageUrl: 'https://swift.example/v1/AUTH_p'};
		},
		{description: 'flaky'},
	);
	const results = await Promise.allSettled([auth.getSession(), auth.getSession()]);
	t.deepEqual(
		results.map((result) => result.status),
		['rejected', 'rejected'],
	);
	t.is(attempts, 1);
	t.is((await auth.getSession()).token, 'ok');
});

test("one caller's abort leaves the shared sign-in to the others", async (t) => {
	const {auth, state} = fakeIdentity();
	const controller = new AbortController();
	const aborted = auth.getSession({signal: controller.signal});
	const other = auth.getSession();
	controller.abort();
	const error = await aborted.catch((error_: unknown) => error_);
	t.is((error as Error).name, 'AbortError');
	t.is((await other).token, 'token-1');
	t.is(state.signIns, 1);
});

test('a session without an expiry is kept until invalidated', async (t) => {
	let signIns = 0;
	const auth = renewingAuthenticator(
		async () => ({token: `t${++signIns}`, storageUrl: 'https://swift.example/v1/AUTH_p'}),
		{description: 'forever', now: () => Number.MAX_SAFE_INTEGER},
	);
	t.is((await auth.getSession()).token, 't1');
	t.is((await auth.getSession()).token, 't1');
	auth.invalidate('t1');
	t.is((await auth.getSession()).token, 't2');
});
