import test from 'ava';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {inspect} from 'node:util';
import {
	reuseMarginMs,
	SignInState,
	type SavedToken,
} from '../../source/credentials/saved-sign-in.js';
import {Secret} from '../../source/credentials/secret.js';
import {filesHolding, filesUnder, modeOf} from './test-home.js';

const now = Date.parse('2026-05-01T12:00:00Z');
const token = (expiresInMs: number, extra: Partial<SavedToken> = {}): SavedToken => ({
	authUrl: 'https://pouta.csc.fi:5001/v3',
	userDomain: 'Default',
	username: 'jdoe',
	project: {name: 'project_2004504'},
	projectName: 'project_2004504',
	token: `gAAAA-${expiresInMs}`,
	storageUrl: 'https://a3s.fi:443/swift/v1/AUTH_x',
	expiresAt: new Date(now + expiresInMs).toISOString(),
	...extra,
});
const query = {
	authUrl: 'https://pouta.csc.fi:5001/v3/',
	userDomain: 'Default',
	username: 'jdoe',
	project: {name: 'project_2004504'},
};

async function state(t: {teardown: (f: () => Promise<void>) => void}) {
	const root = await mkdtemp(join(tmpdir(), 'ivjm-saved-'));
	t.teardown(() => rm(root, {recursive: true, force: true}));
	return {root, state: new SignInState(join(root, 'state', 'ivjm', 'sign-in.json'))};
}

test('a saved token is reused while it has more than the margin left, for the same user and project only', async (t) => {
	const {state: saved} = await state(t);
	await saved.saveToken(token(reuseMarginMs + 60_000), now);
	t.truthy(await saved.findToken(query, now));
	t.is(await saved.findToken({...query, username: 'someone'}, now), undefined);
	t.is(await saved.findToken({...query, project: {name: 'project_other'}}, now), undefined);
	t.is(
		await saved.findToken(query, now + 120_000),
		undefined,
		'not within the margin of its expiry',
	);
});

test('the file is 0600 in a 0700 folder, and a refused token is forgotten', async (t) => {
	const {state: saved} = await state(t);
	await saved.saveToken(token(3600_000), now);
	t.is((await modeOf(saved.file)).toString(8), '600');
	t.is((await modeOf(join(saved.file, '..'))).toString(8), '700');
	await saved.dropToken('gAAAA-3600000');
	t.deepEqual((await saved.read()).tokens, []);
	t.is((await saved.read()).last?.username, 'jdoe');
	t.true(await saved.clear());
	t.false(await saved.clear());
});

test('a secret prints as hidden everywhere but reveal()', (t) => {
	const secret = new Secret('requesterpass');
	t.is(String(secret), '[hidden]');
	t.is(JSON.stringify({secret}), '{"secret":"[hidden]"}');
	t.false(inspect({secret}).includes('requesterpass'));
	t.is(`${secret}`, '[hidden]');
	t.is(secret.reveal(), 'requesterpass');
});

test('the password search finds a planted password (so finding none means something)', async (t) => {
	const {root, state: saved} = await state(t);
	await saved.saveToken(token(3600_000, {token: 'requesterpass'}), now);
	t.deepEqual(await filesHolding(await filesUnder(root), ['requesterpass']), [saved.file]);
});
