import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {fingerprint, newSecretKey, publicKeyOf} from '../../source/crypt4gh/index.js';
import {KeyChanged, KnownKeys} from '../../source/crypt4gh/known-keys.js';

async function knownKeys(t: {teardown: (f: () => Promise<void>) => void}) {
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-known-keys-'));
	t.teardown(async () => rm(folder, {recursive: true, force: true}));
	const file = join(folder, 'config', 'known-keys.json');
	return {file, known: new KnownKeys(file, () => new Date('2026-12-04T12:00:00Z'))};
}

test('a first use is recorded (0600) and the same key is known afterwards', async (t) => {
	const {file, known} = await knownKeys(t);
	const key = publicKeyOf(newSecretKey());
	t.deepEqual(await known.check('biobank HUS', key), {
		status: 'first-use',
		fingerprint: fingerprint(key),
	});
	t.is(((await stat(file)).mode & 0o777).toString(8), '600');
	t.deepEqual(await known.check('biobank HUS', key), {
		status: 'known',
		fingerprint: fingerprint(key),
	});
});

test('a changed key is refused with both fingerprints and the way to accept it; trust accepts it', async (t) => {
	const {known} = await knownKeys(t);
	const first = publicKeyOf(newSecretKey());
	const swapped = publicKeyOf(newSecretKey());
	await known.require('requester jdoe', first);
	const error = await t.throwsAsync(
		known.require('requester jdoe', swapped, 'ivjm keys trust --job 1-jdoe'),
		{
			instanceOf: KeyChanged,
		},
	);
	t.true(error.message.includes(fingerprint(first)));
	t.true(error.message.includes(fingerprint(swapped)));
	t.regex(error.message, /accept it with: ivjm keys trust --job 1-jdoe$/u);
	await known.trust('requester jdoe', swapped);
	t.is((await known.require('requester jdoe', swapped)).status, 'known');
	t.is((await known.check('requester jdoe', first)).status, 'changed');
});

test('a damaged known-keys file stops the check and is left as it was', async (t) => {
	const {file, known} = await knownKeys(t);
	await known.check('biobank HUS', publicKeyOf(newSecretKey()));
	await writeFile(file, '{"biobank HUS": {"fingerprint": 3}');
	await t.throwsAsync(known.check('biobank HUS', publicKeyOf(newSecretKey())), {
		message: /cannot be read as the keys you trusted/u,
	});
	t.is(await readFile(file, 'utf8'), '{"biobank HUS": {"fingerprint": 3}');
});
