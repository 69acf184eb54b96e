/**
 * The Crypt4GH commands as a script runs them (the built program, no terminal, a private home):
 * keys made, shown and imported in the reference's format, local files encrypted and decrypted
 * byte for byte, a tampered file refused with nothing left under its name, and a biobank's key
 * published and trusted through the local store.
 */
import {randomBytes} from 'node:crypto';
import {readFile, readdir, writeFile} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import test from 'ava';
import {
	decryptDocument,
	encryptDocument,
	keysDocument,
} from '../../source/commands/crypt4gh-json-shapes.js';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import {cliHome, parsedJson, repository} from '../helpers/run-cli.js';

const fixtures = resolve(repository, '..', 'shared', 'fixtures', 'crypt4gh');

test('keys generate, then a file encrypted to it decrypts to the same bytes; --json fits the shapes', async (t) => {
	const {home, ivjm} = await cliHome(t, 'c4gh-commands');
	const env = {C4GH_PASSPHRASE: 'correct horse battery'};
	const made = await ivjm(['keys', 'generate', '--json'], {env});
	t.is(made.code, 0, made.stderr);
	const key = parsedJson(t, made, keysDocument).key!;
	t.regex(key.fingerprint, /^SHA256:[\w+/]{43}$/u);
	t.true(key.protected);
	const shownKey = parsedJson(t, await ivjm(['keys', 'show', '--json']), keysDocument);
	t.is(shownKey.key?.fingerprint, key.fingerprint);

	const plain = join(home, 'scores.txt');
	const body = randomBytes(200_000);
	await writeFile(plain, body);
	const encrypted = await ivjm(['encrypt', plain, '--recipient', 'default', '--json']);
	t.is(encrypted.code, 0, encrypted.stderr);
	const sealed = parsedJson(t, encrypted, encryptDocument);
	t.is(sealed.out, `${plain}.c4gh`);
	t.deepEqual(sealed.recipients, [key.fingerprint]);
	const out = join(home, 'back.txt');
	const opened = await ivjm(['decrypt', sealed.out, '--out', out, '--json'], {env});
	t.is(opened.code, 0, opened.stderr);
	t.is(parsedJson(t, opened, decryptDocument).bytes, body.length);
	t.deepEqual(await readFile(out), body);
});

test('a tampered file is refused by its byte range and leaves nothing under the output name', async (t) => {
	const {home, ivjm} = await cliHome(t, 'c4gh-tamper');
	await ivjm(['keys', 'generate', '--nocrypt']);
	const plain = join(home, 'data.bin');
	await writeFile(plain, randomBytes(150_000));
	t.is((await ivjm(['encrypt', plain, '--recipient', 'default'])).code, 0);
	const sealed = await readFile(`${plain}.c4gh`);
	sealed[sealed.length - 1000]! ^= 0x01;
	await writeFile(`${plain}.c4gh`, sealed);
	const run = await ivjm(['decrypt', `${plain}.c4gh`, '--out', join(home, 'out.bin')]);
	t.not(run.code, 0);
	t.regex(run.stderr, /byte/u);
	t.false((await readdir(home)).includes('out.bin'));
});

test('a key of the reference implementation imports, and decrypts what the reference encrypted to it', async (t) => {
	const {home, ivjm} = await cliHome(t, 'c4gh-import');
	// FILE as a bare word, as `ivjm help keys` shows it; --file FILE works the same.
	const run = await ivjm(['keys', 'import', join(fixtures, 'bob.sec'), '--name', 'bob'], {
		env: {C4GH_PASSPHRASE: 'bob'},
	});
	t.is(run.code, 0, run.stderr);
	const help = await ivjm(['help', 'keys']);
	t.regex(help.stdout, /Usage: ivjm keys ACTION \[FILE\]/u);
	const both = await ivjm(['keys', 'import', 'a.sec', '--file', 'b.sec', '--name', 'x']);
	t.is(both.code, 2);
	t.regex(both.stderr, /takes one file/u);
	const again = await ivjm(
		['keys', 'import', '--file', join(fixtures, 'bob.sec'), '--name', 'bob2'],
		{env: {C4GH_PASSPHRASE: 'bob'}},
	);
	t.is(again.code, 0, again.stderr);
	const out = join(home, 'enc-65535.txt');
	const opened = await ivjm(
		['decrypt', join(fixtures, 'enc-65535.alice-to-bob.c4gh'), '--key', 'bob', '--out', out],
		{env: {C4GH_PASSPHRASE: 'bob'}},
	);
	t.is(opened.code, 0, opened.stderr);
	t.is((await readFile(out)).length, 65_535);
});

test("a biobank's key is published for requesters, and trusting it is recorded", async (t) => {
	const {home, ivjm} = await cliHome(t, 'c4gh-publish');
	const root = join(home, 'store');
	const bucket = 'project_2004504-intervene-tasks';
	await createLocalStore({root}).createContainer(bucket);
	const store = ['--store', `local:${root}`, '--user', 'lvirtanen'];
	await ivjm(['keys', 'generate', '--nocrypt']);
	const published = await ivjm(['keys', 'publish', '--biobank', 'HUS', '--json', ...store]);
	t.is(published.code, 0, published.stderr);
	t.like(parsedJson(t, published, keysDocument), {
		holder: 'biobank HUS',
		object: 'keys/biobanks/HUS.c4gh.pub',
	});
	const trusted = await ivjm(['keys', 'trust', '--biobank', 'HUS', '--json', ...store]);
	t.is(trusted.code, 0, trusted.stderr);
	const known = JSON.parse(await readFile(join(home, 'config', 'ivjm', 'known-keys.json'), 'utf8'));
	t.is(known['biobank HUS'].fingerprint, parsedJson(t, trusted, keysDocument).fingerprint);
	const wrong = await ivjm(['keys', 'rotate']);
	t.is(wrong.code, 2);
	t.regex(wrong.stderr, /unknown action rotate/u);
});
