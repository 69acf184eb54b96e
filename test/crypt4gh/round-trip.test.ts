import test from 'ava';
import fc from 'fast-check';
import {randomBytes} from 'node:crypto';
import {
	buildHeader,
	cipherSegmentSize,
	createDecryptStream,
	createEncryptStream,
	createOpenStream,
	createSealStream,
	encryptedSize,
	newSecretKey,
	publicKeyOf,
	resumePoint,
	scanEnvelope,
	segmentSize,
	TamperedSegment,
	TruncatedFile,
	type KeyPair,
} from '../../source/crypt4gh/index.js';
import {cutAt, runThrough} from './streams.js';

function keyPair(): KeyPair {
	const secretKey = newSecretKey();
	return {secretKey, publicKey: publicKeyOf(secretKey)};
}

const [reader, other, sender] = [keyPair(), keyPair(), keyPair()];
// Sizes that matter most: around the segment boundaries, then anything up to ~5 segments.
const size = fc.oneof(
	fc.constantFrom(
		0,
		1,
		segmentSize - 1,
		segmentSize,
		segmentSize + 1,
		2 * segmentSize,
		3 * segmentSize + 1,
	),
	fc.integer({min: 0, max: 5 * segmentSize + 100}),
);
const cuts = fc.array(fc.nat({max: 6 * cipherSegmentSize}), {maxLength: 12});

async function encrypt(
	plaintext: Buffer,
	pieces: number[],
	recipients = [reader.publicKey, other.publicKey],
) {
	const stream = createEncryptStream({recipients, sender, sha256: true});
	const encrypted = await runThrough(stream, cutAt(plaintext, pieces));
	return {encrypted, header: stream.header, sha256: stream.sealer.plainSha256()};
}

test('encrypt → decrypt gives the plaintext back at any size, however the input and output are cut', async (t) => {
	await fc.assert(
		fc.asyncProperty(size, cuts, cuts, async (length, inCuts, outCuts) => {
			const plaintext = randomBytes(length);
			const {encrypted, header, sha256} = await encrypt(plaintext, inCuts);
			t.is(encrypted.length, encryptedSize(header.bytes.length, length));
			for (const keys of [[reader], [other]]) {
				const decrypt = createDecryptStream({
					keys,
					source: 'x.c4gh',
					sha256: true,
					expectedSender: sender.publicKey,
				});
				const back = await runThrough(decrypt, cutAt(encrypted, outCuts));
				if (!back.equals(plaintext)) return false;
				if (decrypt.plainSha256() !== sha256) return false;
			}
			return true;
		}),
		{numRuns: 40},
	);
});

test('a download resumed at any segment boundary continues from the right ciphertext offset and stays correct', async (t) => {
	await fc.assert(
		fc.asyncProperty(
			size,
			fc.double({min: 0, max: 1, noNaN: true}),
			cuts,
			async (length, where, outCuts) => {
				const plaintext = randomBytes(length);
				const {encrypted, header} = await encrypt(plaintext, []);
				// The first attempt stopped somewhere; what it kept is rounded down to its segment.
				const stoppedAt = Math.floor(where * length);
				const resume = resumePoint(header.bytes.length, stoppedAt);
				const kept = plaintext.subarray(0, resume.plainOffset);
				const open = createOpenStream({
					sessionKeys: [header.sessionKey],
					headerLength: header.bytes.length,
					firstSegment: resume.segment,
					source: 'x.c4gh',
				});
				const rest = await runThrough(
					open,
					cutAt(encrypted.subarray(resume.cipherOffset), outCuts),
				);
				return Buffer.concat([kept, rest]).equals(plaintext) && resume.plainOffset <= stoppedAt;
			},
		),
		{numRuns: 40},
	);
	t.pass();
});

test('a changed byte anywhere in the data fails on its segment, naming that byte range', async (t) => {
	await fc.assert(
		fc.asyncProperty(
			fc.integer({min: 1, max: 4 * segmentSize}),
			fc.double({min: 0, max: 1, noNaN: true}),
			async (length, where) => {
				const {encrypted, header} = await encrypt(randomBytes(length), []);
				const at =
					header.bytes.length + Math.floor(where * (encrypted.length - header.bytes.length - 1));
				const damaged = Buffer.from(encrypted);
				damaged[at] = damaged[at]! ^ 0x40;
				const segment = Math.floor((at - header.bytes.length) / cipherSegmentSize);
				const error = await runThrough(createDecryptStream({keys: [reader], source: 'x.c4gh'}), [
					damaged,
				]).then(
					() => undefined,
					(error: unknown) => error,
				);
				if (!(error instanceof TamperedSegment) || error.segment !== segment) return false;
				const [first, last] = error.cipherRange;
				return (
					first <= at && at <= last && first === header.bytes.length + segment * cipherSegmentSize
				);
			},
		),
		{numRuns: 30},
	);
	t.pass();
});

test('a file cut short inside a segment says it was cut short; cut inside the header, says that', async (t) => {
	const {encrypted, header} = await encrypt(randomBytes(segmentSize + 100), []);
	const decrypt = () => createDecryptStream({keys: [reader], source: 'x.c4gh'});
	const cutInLast = encrypted.subarray(0, header.bytes.length + cipherSegmentSize + 20);
	await t.throwsAsync(runThrough(decrypt(), [cutInLast]), {
		instanceOf: TruncatedFile,
		message: /x\.c4gh ends 20 bytes into data segment 1/,
	});
	const cutMidSegment = encrypted.subarray(0, encrypted.length - 10);
	await t.throwsAsync(runThrough(decrypt(), [cutMidSegment]), {instanceOf: TamperedSegment});
	await t.throwsAsync(runThrough(decrypt(), [encrypted.subarray(0, 50)]), {
		message: 'x.c4gh ends inside its Crypt4GH header: it was cut short',
	});
	await t.throwsAsync(runThrough(decrypt(), []), {message: 'x.c4gh is empty, not a Crypt4GH file'});
	await t.throwsAsync(runThrough(decrypt(), [Buffer.from('PK\u0003\u0004 a zip file')]), {
		message: /not a Crypt4GH file \(it does not start with "crypt4gh"\)/,
	});
});

test('an edit list in the header is applied: the kept pieces come out and nothing else', async (t) => {
	await fc.assert(
		fc.asyncProperty(
			fc.integer({min: 0, max: 3 * segmentSize}),
			fc.array(fc.nat({max: segmentSize + 10}), {maxLength: 7}),
			cuts,
			async (length, lengths, outCuts) => {
				const plaintext = randomBytes(length);
				const header = buildHeader({recipients: [reader.publicKey], editList: lengths});
				const sealed = await runThrough(createEncryptStreamFor(header), [plaintext]);
				const back = await runThrough(
					createDecryptStream({keys: [reader], source: 'x'}),
					cutAt(sealed, outCuts),
				);
				return back.equals(applyEditList(plaintext, lengths));
			},
		),
		{numRuns: 40},
	);
	t.pass();
});

/** The model: skip, keep, skip, keep…; an odd-length list keeps the rest. */
function applyEditList(data: Buffer, lengths: number[]): Buffer {
	const kept: Buffer[] = [];
	let offset = 0;
	lengths.forEach((length, index) => {
		if (index % 2 === 1) kept.push(data.subarray(offset, offset + length));
		offset += length;
	});
	if (lengths.length % 2 === 1) kept.push(data.subarray(Math.min(offset, data.length)));
	return Buffer.concat(kept);
}

function createEncryptStreamFor(header: ReturnType<typeof buildHeader>) {
	return createSealStream(header.sessionKey, {prefix: header.bytes});
}

test('a header claiming absurd sizes is refused before anything large is held', (t) => {
	const prefix = Buffer.alloc(24);
	prefix.write('crypt4gh');
	prefix.writeUInt32LE(1, 8);
	prefix.writeUInt32LE(1024, 12);
	prefix.writeUInt32LE(2 * 1024 * 1024, 16);
	t.throws(() => scanEnvelope(prefix, 'big.c4gh'), {
		message: 'big.c4gh: header packet 0 has an impossible length (2097152)',
	});
	prefix.writeUInt32LE(5000, 12);
	t.throws(() => scanEnvelope(prefix, 'big.c4gh'), {
		message: 'big.c4gh: a header with 5000 packets is not a valid Crypt4GH header',
	});
	prefix.writeUInt32LE(2, 8);
	t.throws(() => scanEnvelope(prefix, 'v2.c4gh'), {
		message: 'v2.c4gh is Crypt4GH version 2; this version reads version 1',
	});
	const many = Buffer.alloc(16 + 20 * 1024 * 1024);
	many.write('crypt4gh');
	many.writeUInt32LE(1, 8);
	many.writeUInt32LE(20, 12);
	for (let index = 0; index < 20; index++)
		many.writeUInt32LE(1024 * 1024, 16 + index * 1024 * 1024);
	t.throws(() => scanEnvelope(many, 'huge.c4gh'), {
		message: /huge\.c4gh: its header is larger than 16777216 bytes/,
	});
});

test('a nonce seed seals the same plaintext to the same bytes however it is cut, which decrypt; another seed gives other nonces', async (t) => {
	const header = buildHeader({recipients: [reader.publicKey], sender});
	const seal = (seed: Buffer, plaintext: Buffer, inCuts: number[]) =>
		runThrough(
			createSealStream(header.sessionKey, {prefix: header.bytes, nonceSeed: seed}),
			cutAt(plaintext, inCuts),
		);
	await fc.assert(
		fc.asyncProperty(size, cuts, cuts, async (length, firstCuts, secondCuts) => {
			const plaintext = randomBytes(length);
			const seed = randomBytes(32);
			const once = await seal(seed, plaintext, firstCuts);
			const again = await seal(Buffer.from(seed), plaintext, secondCuts);
			if (!again.equals(once)) return false;
			const back = await runThrough(createDecryptStream({keys: [reader], source: 'x.c4gh'}), [
				once,
			]);
			if (!back.equals(plaintext)) return false;
			if (length === 0) return true;
			// The first segment's nonce follows the header: a fresh seed draws another.
			const nonceAt = header.bytes.length;
			const other = await seal(randomBytes(32), plaintext, firstCuts);
			return !other.subarray(nonceAt, nonceAt + 12).equals(once.subarray(nonceAt, nonceAt + 12));
		}),
		{numRuns: 40},
	);
	t.throws(() => createSealStream(header.sessionKey, {nonceSeed: randomBytes(16)}), {
		message: /32 bytes/,
	});
});

test('without a seed, sealing the same plaintext twice gives different nonces', async (t) => {
	const header = buildHeader({recipients: [reader.publicKey], sender});
	const plaintext = randomBytes(3 * segmentSize);
	const [one, two] = await Promise.all(
		[0, 1].map(() =>
			runThrough(createSealStream(header.sessionKey, {prefix: header.bytes}), [plaintext]),
		),
	);
	const nonceAt = header.bytes.length;
	t.false(one!.subarray(nonceAt, nonceAt + 12).equals(two!.subarray(nonceAt, nonceAt + 12)));
});
