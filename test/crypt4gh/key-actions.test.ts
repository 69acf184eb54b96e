import test from 'ava';
import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Secret} from '../../source/credentials/secret.js';
import {fingerprint, readPrivateKey, WrongPassphrase} from '../../source/crypt4gh/index.js';
import {
	generateKey,
	importKey,
	showKey,
	soleOrDefaultKey,
} from '../../source/crypt4gh/key-actions.js';
import {decryptedName, encryptedName} from '../../source/crypt4gh/output-names.js';
import {fixturePath, fixtureText} from './fixtures.js';
import {naclReader, ensurePythonNacl} from './python-nacl.js';

let root = '';
let count = 0;
test.before(async () => {
	root = await mkdtemp(join(tmpdir(), 'ivjm-c4gh-actions-'));
	ensurePythonNacl();
});
test.after.always(async () => {
	await rm(root, {recursive: true, force: true});
});
const newFolder = () => join(root, `keys-${++count}`);

test('keys generate writes a pair the independent reader loads; keys show gives its public key and fingerprint', async (t) => {
	const folder = newFolder();
	const made = await generateKey({passphrase: new Secret('pw'), comment: 'me', folder});
	t.is(made.name, 'default');
	t.true(made.protected);
	const read = naclReader<{public_key: string; fingerprint: string; kdf: string}>(
		['key', made.privateKeyFile!],
		'pw',
	);
	t.is(read.fingerprint, made.fingerprint);
	t.is(read.kdf, 'scrypt');
	const shown = await showKey({folder});
	t.deepEqual(shown, {...made, privateKeyFile: undefined, protected: undefined});
	t.is(await readFile(shown.publicKeyFile, 'utf8'), shown.publicKey);
	await t.throwsAsync(generateKey({passphrase: new Secret('pw'), folder}), {
		message: /A key named "default" exists already/,
	});
});

test('keys import takes the reference’s private keys as they are (after unlocking them) and public keys by name', async (t) => {
	const folder = newFolder();
	const alice = await importKey({
		file: fixturePath('alice.sec'),
		ask: async () => new Secret('alice'),
		folder,
	});
	t.is(alice.name, 'alice');
	t.is(
		await readFile(alice.privateKeyFile!, 'utf8'),
		fixtureText('alice.sec'),
		'kept byte for byte',
	);
	t.is(await readFile(alice.publicKeyFile, 'utf8'), fixtureText('alice.pub'));
	const dave = await importKey({
		file: fixturePath('dave.sec'),
		ask: async () => new Secret('dave'),
		folder,
		name: 'bcrypt-key',
	});
	t.is(dave.fingerprint, (await showKey({folder, name: 'bcrypt-key'})).fingerprint);
	const carol = await importKey({
		file: fixturePath('carol.sec'),
		ask: async () => new Secret(''),
		folder,
	});
	t.false(carol.protected, 'an unprotected key is reported as such');
	const bob = await importKey({
		file: fixturePath('bob.pub'),
		ask: async () => new Secret(''),
		folder,
	});
	t.is(bob.privateKeyFile, undefined);
	t.is(
		bob.fingerprint,
		fingerprint(
			(await readPrivateKey(fixtureText('bob.sec'), 'bob', async () => new Secret('bob')))
				.publicKey,
		),
	);
	t.deepEqual((await readdir(folder)).sort(), [
		'alice.pub',
		'alice.sec',
		'bcrypt-key.pub',
		'bcrypt-key.sec',
		'bob.pub',
		'carol.pub',
		'carol.sec',
	]);
});

test('an import that cannot be unlocked, or is not a key, stores nothing', async (t) => {
	const folder = newFolder();
	await t.throwsAsync(
		importKey({file: fixturePath('erin.sec'), ask: async () => new Secret('no'), folder}),
		{instanceOf: WrongPassphrase},
	);
	const junk = join(root, 'junk.sec');
	await writeFile(junk, 'not a key');
	await t.throwsAsync(importKey({file: junk, ask: async () => new Secret(''), folder}), {
		message: /junk\.sec is not a Crypt4GH key/,
	});
	await t.throwsAsync(readdir(folder), {code: 'ENOENT'});
});

test('with no key named, the default one or the only one is used; otherwise the message says what to do', async (t) => {
	const folder = newFolder();
	await t.throwsAsync(soleOrDefaultKey(folder), {
		message: /You have no Crypt4GH key yet: make one with ivjm keys generate/,
	});
	await generateKey({name: 'lab', passphrase: undefined, folder});
	t.is(await soleOrDefaultKey(folder), 'lab');
	await generateKey({name: 'home', passphrase: undefined, folder});
	await t.throwsAsync(soleOrDefaultKey(folder), {
		message: 'You have several keys (home, lab): say which with --key',
	});
	await generateKey({passphrase: undefined, folder});
	t.is(await soleOrDefaultKey(folder), 'default');
});

test('outputs without --out: FILE.c4gh when encrypting, the name without .c4gh when decrypting', (t) => {
	t.is(encryptedName('out/results.tsv'), 'out/results.tsv.c4gh');
	t.is(decryptedName('out/results.tsv.c4gh'), 'out/results.tsv');
	t.throws(() => decryptedName('results.tsv'), {
		message: 'results.tsv does not end in .c4gh: say where the plaintext goes with --out',
	});
	t.throws(() => decryptedName('dir/.c4gh'), {message: /say where the plaintext goes/});
});
