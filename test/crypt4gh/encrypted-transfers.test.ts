/**
 * Results (or inputs) sent encrypted to a recipient's key and decrypted on download, through the
 * real transfer functions and the real Swift: the bucket holds no plaintext, the reader gets the
 * exact bytes, and every failure leaves nothing under the plaintext's name.
 */
import {createHash, randomBytes} from 'node:crypto';
import {mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {buffer} from 'node:stream/consumers';
import test from 'ava';
import {decryptingDownload} from '../../source/crypt4gh/decrypting-download.js';
import {encryptingUpload, plainSha256Metadata} from '../../source/crypt4gh/encrypting-upload.js';
import {NotARecipient, newSecretKey, publicKeyOf} from '../../source/crypt4gh/index.js';
import {downloadObject, uploadFile} from '../../source/transfer/index.js';
import {removeContainer, uniqueContainer} from '../helpers/servers.js';
import {tempauthStore} from '../jobs/analyst/swift.js';

const {store, auth} = tempauthStore();
const bucket = uniqueContainer('encrypted-transfers');
const pair = () => {
	const secretKey = newSecretKey();
	return {secretKey, publicKey: publicKeyOf(secretKey)};
};
const requester = pair();

test.before(async () => store.createContainer(bucket));
test.after.always(async () => {
	await removeContainer(store, await auth.getSession(), bucket);
	await store.close();
});

async function folders(t: {teardown: (f: () => Promise<void>) => void}) {
	const root = await mkdtemp(join(tmpdir(), 'ivjm-encrypted-'));
	t.teardown(async () => rm(root, {recursive: true, force: true}));
	const [work, scratch, downloads] = ['work', 'scratch', 'downloads'].map((name) =>
		join(root, name),
	) as [string, string, string];
	for (const folder of [work, scratch, downloads]) await mkdir(folder, {recursive: true});
	return {work, scratch, downloads};
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A result file with a recognisable plaintext that must never reach the bucket. */
async function resultFile(folder: string, bytes: number) {
	const marker = `INDIVIDUAL-LEVEL-${randomBytes(8).toString('hex')}`;
	const body = Buffer.concat([Buffer.from(marker), randomBytes(bytes)]);
	const path = join(folder, 'scores.txt');
	await writeFile(path, body);
	return {path, body, marker};
}

test('a result sent encrypted is a .c4gh object without its plaintext, and decrypts to the exact bytes, 0600', async (t) => {
	const {work, scratch, downloads} = await folders(t);
	const {path, body, marker} = await resultFile(work, 300_000);
	const upload = encryptingUpload(uploadFile, [requester.publicKey]);
	const sent = await upload(
		store,
		{container: bucket, key: 'jobs/r/1-r/HUS/results/scores.txt'},
		path,
		{journalFolder: scratch},
	);
	t.is(sent.ref.key, 'jobs/r/1-r/HUS/results/scores.txt.c4gh');
	const stored = await store.get(sent.ref);
	const raw = await buffer(stored.body);
	t.false(raw.includes(Buffer.from(marker)), 'no plaintext in the bucket');
	t.is(raw.subarray(0, 8).toString(), 'crypt4gh');
	t.truthy(stored.head.metadata[plainSha256Metadata]);
	t.is(stored.head.bytes, sent.bytes);
	t.deepEqual(sent.plain, {bytes: body.length, sha256: sha256(body)});
	t.deepEqual(await readdir(scratch), [], 'nothing is left in the state folder');

	const download = decryptingDownload(downloadObject, async () => [requester]);
	const got = await download(store, sent.ref, downloads, 'scores.txt.c4gh');
	t.is(got.path, join(downloads, 'scores.txt'));
	t.deepEqual(await readFile(got.path), body);
	t.is(((await stat(got.path)).mode & 0o777).toString(8), '600');
	t.deepEqual(await readdir(downloads), ['scores.txt'], 'the .c4gh is removed unless kept');
	const again = await download(store, sent.ref, downloads, 'scores.txt.c4gh');
	t.true(again.skipped);
});

test('--keep-encrypted keeps the .c4gh beside the plaintext', async (t) => {
	const {work, downloads} = await folders(t);
	const {path} = await resultFile(work, 1000);
	const sent = await encryptingUpload(uploadFile, [requester.publicKey])(
		store,
		{container: bucket, key: 'keep/scores.txt'},
		path,
	);
	await decryptingDownload(downloadObject, async () => [requester], {keepEncrypted: true})(
		store,
		sent.ref,
		downloads,
		'scores.txt',
	);
	t.deepEqual((await readdir(downloads)).sort(), ['scores.txt', 'scores.txt.c4gh']);
});

test('a reader whose key it is not for gets NotARecipient, and nothing under the plaintext name', async (t) => {
	const {work, downloads} = await folders(t);
	const {path} = await resultFile(work, 1000);
	const sent = await encryptingUpload(uploadFile, [requester.publicKey])(
		store,
		{container: bucket, key: 'other/scores.txt'},
		path,
	);
	const stranger = pair();
	await t.throwsAsync(
		decryptingDownload(downloadObject, async () => [stranger])(
			store,
			sent.ref,
			downloads,
			'scores.txt',
		),
		{instanceOf: NotARecipient},
	);
	t.false((await readdir(downloads)).includes('scores.txt'));
});
