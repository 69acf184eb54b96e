import test from 'ava';
import {Secret} from '../../source/credentials/secret.js';
import {
	fingerprint,
	InvalidFormat,
	newSecretKey,
	publicKeyOf,
	readPrivateKey,
	readPublicKey,
	writePrivateKey,
	writePublicKey,
	WrongPassphrase,
} from '../../source/crypt4gh/index.js';
import {fixtureIndex, fixtureText, passphraseOf, people, fixtureFile} from './fixtures.js';

const privateKeys = fixtureIndex.files.filter((file) => file.key_kind === 'private');

for (const person of people) {
	test(`${person}'s keys from the fixtures import: the private key unlocks and gives the public key beside it`, async (t) => {
		const info = privateKeys.find((file) => file.key_owner === person)!;
		let asked = 0;
		const key = await readPrivateKey(fixtureText(`${person}.sec`), `${person}.sec`, async () => {
			asked += 1;
			return passphraseOf(person);
		});
		const publicKey = readPublicKey(fixtureText(`${person}.pub`), `${person}.pub`);
		t.true(key.publicKey.equals(publicKey));
		t.is(publicKey.toString('hex'), fixtureFile(`${person}.pub`).public_key_hex!);
		t.is(key.kdf as string, info.kdf!);
		t.is(key.comment ?? null, info.comment ?? null);
		t.is(asked, info.kdf === 'none' ? 0 : 1, 'asks for the passphrase only when the key is locked');
	});
}

test('the fixture keys cover scrypt, bcrypt, pbkdf2 and none', (t) => {
	t.deepEqual(privateKeys.map((file) => file.kdf).sort(), [
		'bcrypt',
		'none',
		'pbkdf2_hmac_sha256',
		'scrypt',
		'scrypt',
	]);
});

for (const person of ['alice', 'dave', 'erin']) {
	test(`a wrong passphrase for ${person}.sec (${privateKeys.find((f) => f.key_owner === person)?.kdf}) says so`, async (t) => {
		const error = await t.throwsAsync(
			readPrivateKey(
				fixtureText(`${person}.sec`),
				`${person}.sec`,
				async () => new Secret('not-it'),
			),
			{instanceOf: WrongPassphrase},
		);
		t.is(
			error?.message,
			`The passphrase does not unlock ${person}.sec (or the key file is damaged)`,
		);
	});
}

test('public keys are written exactly as crypt4gh-keygen writes them', (t) => {
	for (const person of people) {
		const text = fixtureText(`${person}.pub`);
		t.is(writePublicKey(readPublicKey(text, person)), text);
	}
});

test('an unlocked key is written exactly as crypt4gh-keygen --nocrypt writes it (carol.sec, byte for byte)', async (t) => {
	const carol = await readPrivateKey(fixtureText('carol.sec'), 'carol.sec', async () => {
		throw new Error('carol has no passphrase');
	});
	t.is(await writePrivateKey(carol.secretKey, undefined, 'carol'), fixtureText('carol.sec'));
});

test('a key written with a passphrase is scrypt + ChaCha20-Poly1305 and reads back; a new key pair matches', async (t) => {
	const secretKey = newSecretKey();
	const text = await writePrivateKey(secretKey, new Secret('pass phrase ✓'), 'me@biobank');
	t.regex(
		text,
		/^-----BEGIN CRYPT4GH PRIVATE KEY-----\n[A-Za-z0-9+/=]+\n-----END CRYPT4GH PRIVATE KEY-----\n$/,
	);
	const read = await readPrivateKey(text, 'mine', async () => new Secret('pass phrase ✓'));
	t.true(read.secretKey.equals(secretKey));
	t.true(read.publicKey.equals(publicKeyOf(secretKey)));
	t.is(read.kdf, 'scrypt');
	t.is(read.comment, 'me@biobank');
	await t.throwsAsync(
		readPrivateKey(text, 'mine', async () => new Secret('pass phrase')),
		{instanceOf: WrongPassphrase},
	);
	const plain = await readPrivateKey(
		await writePrivateKey(secretKey, undefined),
		'plain',
		async () => {
			throw new Error('not asked');
		},
	);
	t.is(plain.kdf, 'none');
	t.is(plain.comment, undefined);
});

test('fingerprints are SHA256: and the unpadded base64 of the SHA-256 of the raw key, as ssh-keygen prints', (t) => {
	const alice = readPublicKey(fixtureText('alice.pub'), 'alice.pub');
	// Computed with coreutils: printf 7f92…ad3d | xxd -r -p | sha256sum | cut -d' ' -f1 | xxd -r -p | base64
	t.is(fingerprint(alice), 'SHA256:Ze/hqouTl3VuvrnIq80+RoXyKWTzpEYaYyJSNdZtauE');
	t.not(fingerprint(alice), fingerprint(readPublicKey(fixtureText('bob.pub'), 'bob.pub')));
});

test('what is not a Crypt4GH key gets a message naming the file and what it is instead', async (t) => {
	const never = async () => new Secret('x');
	const cases: [string, RegExp][] = [
		[
			'hello',
			/^k is not a Crypt4GH key: it should start with a "-----BEGIN CRYPT4GH \.\.\. KEY-----" line/,
		],
		['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI me@host', /OpenSSH public key/],
		['-----BEGIN CRYPT4GH PUBLIC KEY-----\n%%%\n-----END CRYPT4GH PUBLIC KEY-----', /not base64/],
		[
			'-----BEGIN CRYPT4GH PUBLIC KEY-----\nAAAA\n-----END CRYPT4GH PUBLIC KEY-----',
			/holds 3 bytes, not a 32-byte/,
		],
	];
	for (const [text, message] of cases)
		t.throws(() => readPublicKey(text, 'k'), {instanceOf: InvalidFormat, message});
	t.throws(() => readPublicKey(fixtureText('alice.sec'), 'alice.sec'), {
		message: /not a Crypt4GH public key \(it says CRYPT4GH PRIVATE KEY\)/,
	});
	const openssh = `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.from('openssh-key-v1\0rest').toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;
	await t.throwsAsync(readPrivateKey(openssh, 'id_ed25519', never), {
		message: /id_ed25519 is an OpenSSH key/,
	});
	await t.throwsAsync(readPrivateKey(fixtureText('alice.pub'), 'alice.pub', never), {
		message: /alice\.pub is not a Crypt4GH private key/,
	});
	const cut = fixtureText('alice.sec').replace(/[A-Za-z0-9+/]{8}=?\n-----END/, '\n-----END');
	await t.throwsAsync(readPrivateKey(cut, 'cut.sec', never), {instanceOf: InvalidFormat});
});
