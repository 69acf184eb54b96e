/**
 * Encrypted objects decrypted while they arrive, on the real Swift: the plaintext goes through
 * its `.part` and nowhere else (no ciphertext copy without --keep-encrypted), a download stopped
 * halfway continues from the last whole segment, and a changed object fails naming its bytes
 * with nothing under the final name.
 */
import {randomBytes} from 'node:crypto';
import {readdirSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Transform} from 'node:stream';
import {buffer} from 'node:stream/consumers';
import test, {type ExecutionContext} from 'ava';
import {decryptingDownload} from '../../source/crypt4gh/decrypting-download.js';
import {encryptingUpload} from '../../source/crypt4gh/encrypting-upload.js';
import {TamperedSegment, newSecretKey, publicKeyOf} from '../../source/crypt4gh/index.js';
import {cipherSegmentSize, encryptedSize} from '../../source/crypt4gh/segment-offsets.js';
import {Unavailable} from '../../source/storage/errors/index.js';
import type {ObjectRef, ObjectStore} from '../../source/storage/store.js';
import {VerificationFailed, downloadObject, uploadFile} from '../../source/transfer/index.js';
import {removeContainer, uniqueContainer} from '../helpers/servers.js';
import {tempauthStore} from '../jobs/analyst/swift.js';

const {store, auth} = tempauthStore();
const bucket = uniqueContainer('streaming-decrypt');
const secretKey = newSecretKey();
const me = {secretKey, publicKey: publicKeyOf(secretKey)};
const keys = async () => [me];
const size = 6 * 1024 * 1024 + 12_345; // 97 segments, the last one short

test.before(async () => store.createContainer(bucket));
test.after.always(async () => {
	await removeContainer(store, await auth.getSession(), bucket);
	await store.close();
});

async function setUp(t: ExecutionContext, name: string) {
	const root = await mkdtemp(join(tmpdir(), 'ivjm-streaming-'));
	t.teardown(async () => rm(root, {recursive: true, force: true}));
	const [work, job, journals] = ['work', 'job', 'journals'].map((part) => join(root, part)) as [
		string,
		string,
		string,
	];
	for (const folder of [work, job]) await mkdir(folder, {recursive: true});
	const body = randomBytes(size);
	const path = join(work, 'genotypes.bed');
	await writeFile(path, body);
	const sent = await encryptingUpload(uploadFile, [me.publicKey])(
		store,
		{container: bucket, key: `jobs/r/${name}/input/genotypes.bed`},
		path,
		{journalFolder: journals},
	);
	const stored = await buffer((await store.get(sent.ref)).body);
	return {job, journals, body, ref: sent.ref, stored};
}

/**
 * The real store, whose GET bodies are watched: every range asked for is noted, the job folder
 * is listed every MiB, and `stopAfter` bytes in, the download is aborted (with a controller) or
 * the connection drops once.
 */
function watchedStore(folder: string, stopAfter?: {bytes: number; controller?: AbortController}) {
	const ranges: number[] = [];
	const seen = new Set<string>();
	let total = 0;
	let stopped = false;
	const watched: ObjectStore = {
		...store,
		async get(ref: ObjectRef, options) {
			const got = await store.get(ref, options);
			ranges.push(options?.range?.start ?? 0);
			let sinceLook = 0;
			const watch = new Transform({
				transform(chunk: Buffer, _encoding, callback) {
					total += chunk.length;
					sinceLook += chunk.length;
					if (sinceLook >= 1024 * 1024) {
						sinceLook = 0;
						for (const name of readdirSync(folder)) seen.add(name);
					}
					if (stopAfter && total >= stopAfter.bytes && !stopped) {
						stopped = true;
						if (stopAfter.controller) stopAfter.controller.abort(new Error('stop'));
						else {
							callback(new Unavailable('The connection dropped (test)', ref));
							return;
						}
					}
					callback(null, chunk);
				},
			});
			got.body.on('error', (error) => watch.destroy(error));
			watch.on('close', () => got.body.destroy());
			return {head: got.head, body: got.body.pipe(watch)};
		},
	};
	return {store: watched, ranges, seen, received: () => total};
}

test('an encrypted input is decrypted on the fly: no .c4gh in the job folder, the exact bytes, 0600', async (t) => {
	const {job, journals, body, ref} = await setUp(t, 'fly');
	const watched = watchedStore(job);
	const got = await decryptingDownload(downloadObject, keys)(
		watched.store,
		ref,
		job,
		'genotypes.bed.c4gh',
		{journalFolder: journals},
	);
	t.true((await readFile(got.path)).equals(body));
	t.is(got.bytes, size);
	t.is(got.verifiedBy, 'sha256');
	t.is(((await stat(got.path)).mode & 0o777).toString(8), '600');
	t.true(watched.seen.size > 0, 'the folder was looked at during the download');
	t.deepEqual([...watched.seen], ['genotypes.bed.part'], 'only the plaintext part, never a .c4gh');
	t.deepEqual(await readdir(job), ['genotypes.bed']);
	t.deepEqual(await readdir(journals), [], 'the resume note is gone');
});

test('a download stopped halfway continues from the last whole segment and is byte-exact', async (t) => {
	const {job, journals, body, ref, stored} = await setUp(t, 'resume');
	const controller = new AbortController();
	const first = watchedStore(job, {bytes: 3 * 1024 * 1024, controller});
	const download = decryptingDownload(downloadObject, keys);
	await t.throwsAsync(
		download(first.store, ref, job, 'genotypes.bed.c4gh', {
			journalFolder: journals,
			signal: controller.signal,
		}),
		{message: 'stop'},
	);
	t.deepEqual(await readdir(job), ['genotypes.bed.part'], 'nothing under the final name');
	const kept = (await stat(join(job, 'genotypes.bed.part'))).size;
	t.true(kept > 0);

	const second = watchedStore(job);
	const got = await download(second.store, ref, job, 'genotypes.bed.c4gh', {
		journalFolder: journals,
	});
	t.true((await readFile(got.path)).equals(body));
	t.true(got.resumedBytes > 0 && got.resumedBytes % 65_536 === 0, `${got.resumedBytes}`);
	const headerLength = stored.length - encryptedSize(0, size);
	const segment = got.resumedBytes / 65_536;
	t.true(second.ranges.includes(headerLength + segment * cipherSegmentSize), `${second.ranges}`);
	const rest = stored.length - (headerLength + segment * cipherSegmentSize);
	t.true(second.received() <= 4096 + rest, 'the header, then only what the part lacked');
	t.deepEqual(await readdir(job), ['genotypes.bed']);
});

test('a connection dropped inside a segment is resumed in the same run from that segment', async (t) => {
	const {job, journals, body, ref, stored} = await setUp(t, 'dropped');
	const watched = watchedStore(job, {bytes: 2 * 1024 * 1024 + 1000});
	const got = await decryptingDownload(downloadObject, keys)(
		watched.store,
		ref,
		job,
		'genotypes.bed.c4gh',
		{journalFolder: journals, retry: {baseDelayMs: 1}},
	);
	t.true((await readFile(got.path)).equals(body));
	const headerLength = stored.length - encryptedSize(0, size);
	const [, first, again] = watched.ranges;
	t.is(watched.ranges.length, 3, 'the header, the data, the data again');
	t.is(first, headerLength);
	t.true(again! > headerLength && (again! - headerLength) % cipherSegmentSize === 0, `${again}`);
	t.true(
		again! <= 2 * 1024 * 1024 + 1000,
		'no segment fully received before the drop is asked for again',
	);
});

test('a changed segment fails naming its bytes; nothing is renamed into place, no part is left', async (t) => {
	const {job, journals, ref, stored} = await setUp(t, 'tampered');
	const head = await store.head(ref);
	const changed = Buffer.from(stored);
	const headerLength = stored.length - encryptedSize(0, size);
	changed[headerLength + 40 * cipherSegmentSize + 100]! ^= 1;
	await store.put(ref, changed, {metadata: head.metadata});
	const error = await t.throwsAsync(
		decryptingDownload(downloadObject, keys)(store, ref, job, 'genotypes.bed.c4gh', {
			journalFolder: journals,
		}),
		{instanceOf: TamperedSegment},
	);
	const start = headerLength + 40 * cipherSegmentSize;
	t.true(
		error.message.includes(`data segment 40 (bytes ${start}–${start + cipherSegmentSize - 1}`),
		error.message,
	);
	t.deepEqual(await readdir(job), []);
	t.deepEqual(await readdir(journals), []);
});

test('segments swapped (each authentic) fail the recorded plaintext SHA-256; nothing is kept', async (t) => {
	const {job, journals, ref, stored} = await setUp(t, 'swapped');
	const head = await store.head(ref);
	const headerLength = stored.length - encryptedSize(0, size);
	const at = (index: number) => headerLength + index * cipherSegmentSize;
	const swapped = Buffer.concat([
		stored.subarray(0, at(3)),
		stored.subarray(at(4), at(5)),
		stored.subarray(at(3), at(4)),
		stored.subarray(at(5)),
	]);
	await store.put(ref, swapped, {metadata: head.metadata});
	const error = await t.throwsAsync(
		decryptingDownload(downloadObject, keys)(store, ref, job, 'genotypes.bed.c4gh', {
			journalFolder: journals,
		}),
		{instanceOf: VerificationFailed},
	);
	t.regex(error.message, /not the [\da-f]{64} recorded for it/u);
	t.deepEqual(await readdir(job), []);
});

test('--keep-encrypted writes the .c4gh as stored beside the plaintext, also across a resume', async (t) => {
	const {job, journals, body, ref, stored} = await setUp(t, 'keep');
	const download = decryptingDownload(downloadObject, keys, {keepEncrypted: true});
	const controller = new AbortController();
	const first = watchedStore(job, {bytes: 2 * 1024 * 1024, controller});
	await t.throwsAsync(
		download(first.store, ref, job, 'genotypes.bed', {
			journalFolder: journals,
			signal: controller.signal,
		}),
		{message: 'stop'},
	);
	t.deepEqual((await readdir(job)).sort(), ['genotypes.bed.c4gh.part', 'genotypes.bed.part']);
	const got = await download(store, ref, job, 'genotypes.bed', {journalFolder: journals});
	t.true(got.resumedBytes > 0);
	t.deepEqual((await readdir(job)).sort(), ['genotypes.bed', 'genotypes.bed.c4gh']);
	t.true((await readFile(join(job, 'genotypes.bed'))).equals(body));
	t.true(
		(await readFile(join(job, 'genotypes.bed.c4gh'))).equals(stored),
		'the object, byte for byte',
	);
	t.is(((await stat(join(job, 'genotypes.bed.c4gh'))).mode & 0o777).toString(8), '600');
});
