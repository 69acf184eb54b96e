import test from 'ava';
import {createHash} from 'node:crypto';
import {
	createDecryptStream,
	fingerprint,
	NotARecipient,
	readPublicKey,
	scanEnvelope,
	TamperedSegment,
} from '../../source/crypt4gh/index.js';
import {fixtureBytes, fixtureIndex, fixtureText, privateKeyOf, fixtureFile} from './fixtures.js';
import {cutAt, runThrough} from './streams.js';

// Every file the reference (crypt4gh 1.8.6) encrypted, for every recipient it names: the
// plaintext must come out byte for byte, whole and when the file arrives in small pieces.

const encrypted = fixtureIndex.files.filter(
	(file) => file.role === 'encrypted' && !file.name.startsWith('tampered'),
);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

test('the fixtures cover what they say: both KDFs and more, several recipients, edit lists, the segment boundaries', (t) => {
	const senders = new Set(encrypted.map((file) => file.sender));
	const sizes = new Set(encrypted.map((file) => fixtureFile(file.decrypts_to!).size));
	t.true(encrypted.length >= 14);
	t.deepEqual([...senders].sort(), ['alice', 'bob', 'carol']);
	for (const size of [0, 1, 65_535, 65_536, 65_537, 200_000, 1_048_579])
		t.true(sizes.has(size), `size ${size}`);
	t.true(encrypted.some((file) => (file.recipients?.length ?? 0) > 1));
	t.true(encrypted.some((file) => (file.edit_list?.length ?? 0) > 2));
});

for (const file of encrypted) {
	for (const person of file.recipients ?? []) {
		test(`${file.name} decrypts byte-exact for ${person}`, async (t) => {
			const key = await privateKeyOf(person);
			const expected = fixtureBytes(file.decrypts_to!);
			t.is(sha256(expected), fixtureFile(file.decrypts_to!).sha256);
			const decrypt = createDecryptStream({keys: [key], source: file.name, sha256: true});
			const plaintext = await runThrough(decrypt, [fixtureBytes(file.name)]);
			t.true(plaintext.equals(expected), `${plaintext.length} bytes, expected ${expected.length}`);
			t.is(decrypt.plainSha256(), sha256(expected));
			t.is(decrypt.header()?.length, file.header_size);
			t.deepEqual(decrypt.header()?.editList, file.edit_list ?? undefined);
			const sender = readPublicKey(fixtureText(`${file.sender}.pub`), `${file.sender}.pub`);
			t.deepEqual(decrypt.header()?.senders, [sender]);
		});
	}
}

test('a fixture fed in pieces of 1 to 97 bytes (header and segments cut anywhere) decrypts the same', async (t) => {
	for (const name of ['enc-200000.alice-to-bob+carol.c4gh', 'edit-message.alice-to-bob.c4gh']) {
		const file = encrypted.find((f) => f.name === name)!;
		const data = fixtureBytes(name);
		const cuts: number[] = [];
		for (let at = 0, step = 1; at < data.length; at += step, step = (step * 7) % 97 || 1)
			cuts.push(at);
		const key = await privateKeyOf('bob');
		const plaintext = await runThrough(
			createDecryptStream({keys: [key], source: name}),
			cutAt(data, cuts),
		);
		t.true(plaintext.equals(fixtureBytes(file.decrypts_to!)), name);
	}
});

test('the header envelope of every fixture has the packet count and size index.json records', (t) => {
	for (const file of encrypted) {
		const scanned = scanEnvelope(fixtureBytes(file.name), file.name);
		if (!('envelope' in scanned)) return t.fail(`${file.name}: header incomplete`);
		t.is(scanned.envelope.length, file.header_size!, file.name);
		t.is(scanned.envelope.packets.length, file.header_packets!, file.name);
	}
});

test('the tampered fixture fails on data segment 0 and names its byte range, giving out nothing', async (t) => {
	const name = 'tampered-65537.alice-to-bob.c4gh';
	const tampered = fixtureFile(name);
	const key = await privateKeyOf('bob');
	const out: Buffer[] = [];
	const decrypt = createDecryptStream({keys: [key], source: name});
	decrypt.on('data', (chunk: Buffer) => out.push(chunk));
	const error = await t.throwsAsync(runThrough(decrypt, [fixtureBytes(name)]), {
		instanceOf: TamperedSegment,
	});
	t.is(error?.segment, 0);
	// Header 124 bytes, then segment 0: 65,564 bytes; the flipped byte 1124 is inside.
	t.deepEqual(error?.cipherRange, [124, 124 + 65_564 - 1]);
	t.true(tampered.tamper!.offset >= 124 && tampered.tamper!.offset <= 124 + 65_563);
	t.deepEqual(error?.plainRange, [0, 65_535]);
	t.regex(
		error?.message ?? '',
		/tampered-65537\.alice-to-bob\.c4gh: data segment 0 \(bytes 124–65687 of the encrypted file/,
	);
	t.is(Buffer.concat(out).length, 0);
});

test('a file for someone else names your key, the packet count and the sender, and why it cannot name the recipient', async (t) => {
	const carol = await privateKeyOf('carol');
	const name = 'enc-65537.alice-to-bob.c4gh';
	const error = await t.throwsAsync(
		runThrough(createDecryptStream({keys: [carol], source: name}), [fixtureBytes(name)]),
		{
			instanceOf: NotARecipient,
		},
	);
	const alice = readPublicKey(fixtureText('alice.pub'), 'alice.pub');
	t.is(
		error?.message,
		`${name} is not encrypted to your key ${fingerprint(carol.publicKey)}. It has 1 header packet, ` +
			`written by ${fingerprint(alice)}. A Crypt4GH header does not say whom it is for: ask the ` +
			'sender to encrypt it to your public key (ivjm keys show).',
	);
});

test('recipients known from elsewhere are named when the file is not for you', async (t) => {
	const [carol, bob] = [await privateKeyOf('carol'), await privateKeyOf('bob')];
	const name = 'enc-1.alice-to-bob.c4gh';
	const decrypt = createDecryptStream({
		keys: [carol],
		source: name,
		knownRecipients: [bob.publicKey],
	});
	const error = await t.throwsAsync(runThrough(decrypt, [fixtureBytes(name)]), {
		instanceOf: NotARecipient,
	});
	t.regex(
		error?.message ?? '',
		new RegExp(`It is for ${fingerprint(bob.publicKey).replace(/[+/]/g, '\\$&')}\\.$`),
	);
});

test('an expected sender that did not write the file is refused (the reference: wrong --sender_pk)', async (t) => {
	const [bob, carol] = [await privateKeyOf('bob'), await privateKeyOf('carol')];
	const name = 'enc-65537.alice-to-bob.c4gh';
	const decrypt = createDecryptStream({keys: [bob], source: name, expectedSender: carol.publicKey});
	const error = await t.throwsAsync(runThrough(decrypt, [fixtureBytes(name)]));
	t.regex(error?.message ?? '', /was not written by SHA256:/);
	const right = createDecryptStream({
		keys: [bob],
		source: name,
		expectedSender: (await privateKeyOf('alice')).publicKey,
	});
	t.true((await runThrough(right, [fixtureBytes(name)])).equals(fixtureBytes('plain-65537.bin')));
});

test('of several keys, the one the file is for opens it (a two-recipient file with carol among others)', async (t) => {
	const keys = [
		await privateKeyOf('alice'),
		await privateKeyOf('dave'),
		await privateKeyOf('carol'),
	];
	const name = 'enc-200000.alice-to-bob+carol.c4gh';
	const plaintext = await runThrough(createDecryptStream({keys, source: name}), [
		fixtureBytes(name),
	]);
	t.true(plaintext.equals(fixtureBytes('plain-200000.bin')));
});
