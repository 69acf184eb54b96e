import test from 'ava';
import {createHash, randomBytes} from 'node:crypto';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Secret} from '../../source/credentials/secret.js';
import {
	createEncryptStream,
	fingerprint,
	newSecretKey,
	publicKeyOf,
	segmentSize,
	writePrivateKey,
	writePublicKey,
} from '../../source/crypt4gh/index.js';
import {fixtureFile, fixturePath, privateKeyOf} from './fixtures.js';
import {ensurePythonNacl, naclReader} from './python-nacl.js';
import {runThrough} from './streams.js';

// ivjm's files and keys, read by a second implementation written for this test on libsodium
// (test/crypt4gh/nacl-reader.py, Debian's python3-nacl), after that reader has shown it reads the
// reference's own files.

type KeyAnswer = {public_key: string; kdf: string; comment: string | null; fingerprint: string};
type DecryptAnswer = {sha256: string; size: number; senders: string[]; header_length: number};

let folder = '';
test.before(async () => {
	ensurePythonNacl();
	folder = await mkdtemp(join(tmpdir(), 'ivjm-c4gh-nacl-'));
});
test.after.always(async () => {
	await rm(folder, {recursive: true, force: true});
});

test('the independent reader reads the reference: bob.sec (scrypt), carol.sec (none) and their files', (t) => {
	const bob = naclReader<KeyAnswer>(['key', fixturePath('bob.sec')], 'bob');
	t.is(bob.public_key, fixtureFile('bob.pub').public_key_hex!);
	for (const [person, name] of [
		['bob', 'enc-1048579.alice-to-bob.c4gh'],
		['carol', 'enc-200000.alice-to-bob+carol.c4gh'],
	] as const) {
		const file = fixtureFile(name);
		const answer = naclReader<DecryptAnswer>(
			['decrypt', fixturePath(`${person}.sec`), fixturePath(name), join(folder, 'out')],
			'bob',
		);
		t.is(answer.sha256, fixtureFile(file.decrypts_to!).sha256);
		t.is(answer.header_length, file.header_size!);
	}
});

test('keys ivjm writes load in the independent reader: passphrase-locked (scrypt) and unlocked, same public key and fingerprint', async (t) => {
	for (const passphrase of ['correct horse ✓', undefined]) {
		const secretKey = newSecretKey();
		const publicKey = publicKeyOf(secretKey);
		const path = join(folder, `key-${passphrase ? 'locked' : 'open'}`);
		await writeFile(
			`${path}.sec`,
			await writePrivateKey(
				secretKey,
				passphrase ? new Secret(passphrase) : undefined,
				'ivjm test',
			),
		);
		await writeFile(`${path}.pub`, writePublicKey(publicKey));
		const key = naclReader<KeyAnswer>(['key', `${path}.sec`], passphrase);
		t.is(key.public_key, publicKey.toString('hex'));
		t.is(key.kdf, passphrase ? 'scrypt' : 'none');
		t.is(key.comment, 'ivjm test');
		t.is(key.fingerprint, fingerprint(publicKey));
		t.deepEqual(naclReader(['pub', `${path}.pub`]), {
			public_key: publicKey.toString('hex'),
			fingerprint: fingerprint(publicKey),
		});
	}
});

test('files ivjm encrypts to two recipients decrypt in the independent reader for each, at every size around the segment boundaries', async (t) => {
	const people = await Promise.all(
		['one', 'two'].map(async (name) => {
			const secretKey = newSecretKey();
			const path = join(folder, `${name}.sec`);
			await writeFile(path, await writePrivateKey(secretKey, new Secret(name)));
			return {name, path, publicKey: publicKeyOf(secretKey)};
		}),
	);
	const alice = await privateKeyOf('alice');
	const sizes = [0, 1, segmentSize - 1, segmentSize, segmentSize + 1, 3 * segmentSize, 1_000_003];
	for (const size of sizes) {
		for (const sender of [undefined, alice]) {
			const plaintext = randomBytes(size);
			const encrypt = createEncryptStream({
				recipients: people.map((person) => person.publicKey),
				sender,
			});
			const encrypted = await runThrough(encrypt, [plaintext]);
			const path = join(folder, `file-${size}.c4gh`);
			await writeFile(path, encrypted);
			for (const person of people) {
				const answer = naclReader<DecryptAnswer>(
					['decrypt', person.path, path, join(folder, 'out')],
					person.name,
				);
				t.is(
					answer.sha256,
					createHash('sha256').update(plaintext).digest('hex'),
					`${size} bytes for ${person.name}`,
				);
				t.true((await readFile(join(folder, 'out'))).equals(plaintext));
				t.deepEqual(answer.senders, [encrypt.header.senderPublicKey.toString('hex')]);
				if (sender) t.true(encrypt.header.senderPublicKey.equals(sender.publicKey));
			}
		}
	}
});
