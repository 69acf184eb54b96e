import test from 'ava';
import {createHash, randomBytes} from 'node:crypto';
import {mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {decryptFile} from '../../source/crypt4gh/decrypt-file.js';
import {encryptFile} from '../../source/crypt4gh/encrypt-file.js';
import {NotARecipient, TamperedSegment} from '../../source/crypt4gh/index.js';
import {fixtureFile, fixturePath, privateKeyOf} from './fixtures.js';

let root = '';
test.before(async () => {
	root = await mkdtemp(join(tmpdir(), 'ivjm-c4gh-files-'));
});
test.after.always(async () => {
	await rm(root, {recursive: true, force: true});
});

let count = 0;
async function folder(): Promise<string> {
	const path = join(root, `case-${++count}`);
	await mkdir(path);
	return path;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

test('a file encrypted to bob and carol decrypts for each; outputs are renamed into place and no .part is left', async (t) => {
	const dir = await folder();
	const plaintext = randomBytes(3 * 65_536 + 17);
	await writeFile(join(dir, 'results.tsv'), plaintext);
	const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map(privateKeyOf));
	const encrypted = await encryptFile({
		input: join(dir, 'results.tsv'),
		out: join(dir, 'results.tsv.c4gh'),
		recipients: [bob!.publicKey, carol!.publicKey],
		sender: alice,
	});
	t.is(encrypted.plainSha256, sha256(plaintext));
	t.is(encrypted.encryptedBytes, (await stat(join(dir, 'results.tsv.c4gh'))).size);
	for (const [name, key] of [
		['bob', bob!],
		['carol', carol!],
	] as const) {
		const out = join(dir, `by-${name}.tsv`);
		const decrypted = await decryptFile({
			input: join(dir, 'results.tsv.c4gh'),
			out,
			keys: [key],
			expectedSha256: encrypted.plainSha256,
		});
		t.true((await readFile(out)).equals(plaintext));
		t.is((await stat(out)).mode & 0o777, 0o600, 'the plaintext is readable by its owner only');
		t.deepEqual(decrypted.senders, [alice!.publicKey]);
		t.is(decrypted.plainBytes, plaintext.length);
	}
	t.deepEqual(
		(await readdir(dir)).filter((name) => name.endsWith('.part')),
		[],
	);
});

test('the tampered fixture leaves nothing behind: no output, no .part', async (t) => {
	const dir = await folder();
	const out = join(dir, 'plain.bin');
	const error = await t.throwsAsync(
		decryptFile({
			input: fixturePath('tampered-65537.alice-to-bob.c4gh'),
			out,
			keys: [await privateKeyOf('bob')],
		}),
		{instanceOf: TamperedSegment},
	);
	t.deepEqual(error?.cipherRange, [124, 65_687]);
	t.deepEqual(await readdir(dir), []);
});

test('a file for someone else leaves nothing behind, and a wrong recorded SHA-256 refuses the rename', async (t) => {
	const dir = await folder();
	const input = fixturePath('enc-200000.alice-to-bob.c4gh');
	await t.throwsAsync(
		decryptFile({input, out: join(dir, 'a'), keys: [await privateKeyOf('dave')]}),
		{instanceOf: NotARecipient},
	);
	const wrong = '0'.repeat(64);
	await t.throwsAsync(
		decryptFile({
			input,
			out: join(dir, 'b'),
			keys: [await privateKeyOf('bob')],
			expectedSha256: wrong,
		}),
		{
			message: /decrypted to content with SHA-256 6f205ce9.* not the 0{64} recorded for it/,
		},
	);
	t.deepEqual(await readdir(dir), []);
	const right = fixtureFile('plain-200000.bin').sha256;
	await decryptFile({
		input,
		out: join(dir, 'c'),
		keys: [await privateKeyOf('bob')],
		expectedSha256: right,
	});
	t.deepEqual(await readdir(dir), ['c']);
});

test('an existing output is never replaced unless asked; a stale .part is replaced; links are refused', async (t) => {
	const dir = await folder();
	const input = fixturePath('enc-1.alice-to-bob.c4gh');
	const bob = [await privateKeyOf('bob')];
	await writeFile(join(dir, 'kept'), 'mine');
	await t.throwsAsync(decryptFile({input, out: join(dir, 'kept'), keys: bob}), {
		message: `${join(dir, 'kept')} already exists: choose another output with --out, or remove it first`,
	});
	t.is(await readFile(join(dir, 'kept'), 'utf8'), 'mine');
	await decryptFile({input, out: join(dir, 'kept'), keys: bob, overwrite: true});
	t.true((await readFile(join(dir, 'kept'))).equals(await readFile(fixturePath('plain-1.bin'))));

	await writeFile(join(dir, 'fresh.part'), 'left by a run that stopped');
	await decryptFile({input, out: join(dir, 'fresh'), keys: bob});
	t.is((await readFile(join(dir, 'fresh'))).length, 1);

	await symlink(join(dir, 'kept'), join(dir, 'linked.part'));
	await t.throwsAsync(decryptFile({input, out: join(dir, 'linked'), keys: bob}), {
		message: /linked\.part is in the way and is not a regular file/,
	});
	await symlink(join(dir, 'kept'), join(dir, 'link-out'));
	await t.throwsAsync(
		decryptFile({input, out: join(dir, 'link-out'), keys: bob, overwrite: true}),
		{message: /is not a regular file/},
	);
	t.true((await readFile(join(dir, 'kept'))).equals(await readFile(fixturePath('plain-1.bin'))));
});

test('an empty file encrypts to a header alone and decrypts to an empty file', async (t) => {
	const dir = await folder();
	await writeFile(join(dir, 'empty'), '');
	const bob = await privateKeyOf('bob');
	const encrypted = await encryptFile({
		input: join(dir, 'empty'),
		out: join(dir, 'empty.c4gh'),
		recipients: [bob.publicKey],
	});
	t.is(encrypted.encryptedBytes, encrypted.headerLength);
	await decryptFile({input: join(dir, 'empty.c4gh'), out: join(dir, 'back'), keys: [bob]});
	t.is((await stat(join(dir, 'back'))).size, 0);
});
