import test from 'ava';
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Secret} from '../../source/credentials/secret.js';
import {
	fingerprint,
	newSecretKey,
	publicKeyOf,
	writePrivateKey,
	writePublicKey,
} from '../../source/crypt4gh/index.js';
import {
	keyPaths,
	listKeys,
	loadPrivateKey,
	loadPublicKey,
	saveKeyPair,
} from '../../source/crypt4gh/key-store.js';
import {newPassphrase, passphraseFor} from '../../source/crypt4gh/passphrase.js';
import {fixturePath} from './fixtures.js';
import {noTerminal, TypingTerminal} from './typing-terminal.js';

let root = '';
test.before(async () => {
	root = await mkdtemp(join(tmpdir(), 'ivjm-c4gh-keys-'));
});
test.after.always(async () => {
	await rm(root, {recursive: true, force: true});
});

test('a saved key pair: private 0600, folder 0700, listed by name, loaded by name or path; an existing name is kept', async (t) => {
	const folder = join(root, 'config', 'ivjm', 'keys');
	const secretKey = newSecretKey();
	const texts = {
		secret: await writePrivateKey(secretKey, new Secret('pw'), 'work'),
		public: writePublicKey(publicKeyOf(secretKey)),
	};
	const paths = await saveKeyPair('work', texts, {folder});
	t.is((await stat(folder)).mode & 0o777, 0o700);
	t.is((await stat(paths.secret)).mode & 0o777, 0o600);
	t.is(await readFile(paths.secret, 'utf8'), texts.secret);
	t.deepEqual(await listKeys(folder), ['work']);
	const loaded = await loadPrivateKey('work', async () => new Secret('pw'), folder);
	t.true(loaded.secretKey.equals(secretKey));
	t.is(loaded.path, paths.secret);
	t.true((await loadPublicKey('work', folder)).equals(publicKeyOf(secretKey)));
	t.true((await loadPublicKey(fixturePath('bob.pub'), folder)).length === 32);
	await t.throwsAsync(saveKeyPair('work', texts, {folder}), {
		message: /A key named "work" exists already/,
	});
	t.is(await readFile(paths.secret, 'utf8'), texts.secret);
	t.deepEqual(await listKeys(join(root, 'nowhere')), []);
});

test('key names that could escape the folder or confuse a shell are refused; a missing key says how to make one', async (t) => {
	for (const name of ['../x', '.hidden', 'a/b', '', 'x'.repeat(65), 'sp ace']) {
		t.throws(() => keyPaths(name, root), {message: /cannot name a key/}, name);
	}
	await t.throwsAsync(
		loadPrivateKey('absent', async () => new Secret(''), root),
		{
			message: `No private key at ${join(root, 'absent.sec')}: make one with ivjm keys generate, or import one`,
		},
	);
});

test('the passphrase comes from C4GH_PASSPHRASE without asking, else from the terminal without echo', async (t) => {
	const fromEnv = await passphraseFor('k.sec', {
		env: {C4GH_PASSPHRASE: 'env pass'},
		terminal: noTerminal,
	});
	t.is(fromEnv.reveal(), 'env pass');
	const terminal = new TypingTerminal(['typed pass']);
	const typed = await passphraseFor('k.sec', {env: {}, terminal});
	t.is(typed.reveal(), 'typed pass');
	t.deepEqual(terminal.prompts, ['Passphrase for k.sec: ']);
	t.false(terminal.shown.includes('typed pass'), 'not echoed');
	await t.throwsAsync(passphraseFor('k.sec', {env: {}, terminal: noTerminal}), {
		message: 'k.sec is protected by a passphrase: set C4GH_PASSPHRASE or run in a terminal',
	});
	await t.throwsAsync(passphraseFor('k.sec', {env: {}, terminal: new TypingTerminal([])}), {
		message: 'Cancelled: no passphrase was typed',
	});
});

test('a new passphrase is typed twice; a mismatch or an empty one writes nothing unless an unprotected key is asked for', async (t) => {
	const twice = await newPassphrase(
		{env: {}, terminal: new TypingTerminal(['s3cret', 's3cret'])},
		false,
	);
	t.is(twice?.reveal(), 's3cret');
	await t.throwsAsync(
		newPassphrase({env: {}, terminal: new TypingTerminal(['one', 'two'])}, false),
		{
			message: 'The two passphrases differ: nothing was written',
		},
	);
	await t.throwsAsync(newPassphrase({env: {C4GH_PASSPHRASE: ''}, terminal: noTerminal}, false), {
		message: /An empty passphrase/,
	});
	t.is(await newPassphrase({env: {C4GH_PASSPHRASE: ''}, terminal: noTerminal}, true), undefined);
	const key = await loadPrivateKey(fixturePath('alice.sec'), async () => new Secret('alice'), root);
	t.is(fingerprint(key.publicKey), 'SHA256:Ze/hqouTl3VuvrnIq80+RoXyKWTzpEYaYyJSNdZtauE');
});
