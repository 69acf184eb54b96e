import test from 'ava';
import {randomBytes} from 'node:crypto';
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fingerprint, NotARecipient} from '../../source/crypt4gh/index.js';
import {
	decrypt,
	encrypt,
	keysGenerate,
	keysImport,
	keysShow,
} from '../../source/crypt4gh/local-commands.js';
import {fixturePath, privateKeyOf} from './fixtures.js';
import {noTerminal, TypingTerminal} from './typing-terminal.js';

// The flows the commands will run, on real files: keys made and imported, a file encrypted to
// two people (one by name in the keys folder, one by path) and decrypted by each.

let root = '';
test.before(async () => {
	root = await mkdtemp(join(tmpdir(), 'ivjm-c4gh-local-'));
});
test.after.always(async () => {
	await rm(root, {recursive: true, force: true});
});

test('generate, show, encrypt to yourself and bob, decrypt as each; the sender is checked when named', async (t) => {
	const folder = join(root, 'keys');
	const work = join(root, 'work');
	await mkdir(work);
	const env = {C4GH_PASSPHRASE: 'my phrase'};
	const made = await keysGenerate({source: {env, terminal: noTerminal}, folder});
	t.deepEqual(await keysShow({folder}), {...made, privateKeyFile: undefined, protected: undefined});
	const plaintext = randomBytes(200_001);
	await writeFile(join(work, 'results.tsv'), plaintext);
	const alice = {env: {C4GH_PASSPHRASE: 'alice'}, terminal: noTerminal};
	const sent = await encrypt({
		file: join(work, 'results.tsv'),
		recipients: ['default', fixturePath('bob.pub')],
		key: fixturePath('alice.sec'),
		source: alice,
		folder,
	});
	const alicePublic = (await privateKeyOf('alice')).publicKey;
	t.is(sent.out, join(work, 'results.tsv.c4gh'));
	t.deepEqual(sent.recipients, [
		made.fingerprint,
		fingerprint((await privateKeyOf('bob')).publicKey),
	]);
	t.is(sent.sender, fingerprint(alicePublic));

	const mine = await decrypt({
		file: sent.out,
		out: join(work, 'mine.tsv'),
		source: {env, terminal: noTerminal},
		folder,
		sender: fixturePath('alice.pub'),
	});
	t.is(mine.out, join(work, 'mine.tsv'));
	t.true((await readFile(mine.out)).equals(plaintext));
	t.is(mine.sha256, sent.sha256);
	t.deepEqual(mine.senders, [sent.sender]);

	const terminal = new TypingTerminal(['bob']);
	const bobs = await decrypt({
		file: sent.out,
		key: fixturePath('bob.sec'),
		out: join(work, 'bob.tsv'),
		source: {env: {}, terminal},
		folder,
	});
	t.true((await readFile(bobs.out)).equals(plaintext));
	t.deepEqual(terminal.prompts, [`Passphrase for ${fixturePath('bob.sec')}: `]);
});

test('decrypting without --out next to a file that is there refuses; a key the file is not for writes nothing', async (t) => {
	const folder = join(root, 'keys-2');
	const work = join(root, 'work-2');
	await mkdir(work);
	await keysImport({
		file: fixturePath('carol.sec'),
		source: {env: {}, terminal: noTerminal},
		folder,
	});
	await writeFile(join(work, 'a.txt'), 'original');
	await writeFile(join(work, 'a.txt.c4gh'), await readFile(fixturePath('enc-1.alice-to-bob.c4gh')));
	await t.throwsAsync(
		decrypt({file: join(work, 'a.txt.c4gh'), source: {env: {}, terminal: noTerminal}, folder}),
		{
			message: `${join(work, 'a.txt')} already exists: choose another output with --out, or remove it first`,
		},
	);
	await t.throwsAsync(
		decrypt({
			file: join(work, 'a.txt.c4gh'),
			out: join(work, 'b.txt'),
			source: {env: {}, terminal: noTerminal},
			folder,
		}),
		{
			instanceOf: NotARecipient,
		},
	);
	t.deepEqual((await readdir(work)).sort(), ['a.txt', 'a.txt.c4gh']);
	t.is(await readFile(join(work, 'a.txt'), 'utf8'), 'original');
});
