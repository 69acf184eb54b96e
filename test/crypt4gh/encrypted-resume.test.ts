/**
 * An encrypted upload made on the fly, cut off by the network and run again, on the real Swift:
 * the rerun seals only the missing segments, with the session key the stored ones used, and the
 * object decrypts byte-exact (with ivjm and with the independent libsodium reader); a file
 * changed between the runs is sent whole again, never mixed with what the first run stored.
 */
import {randomBytes} from 'node:crypto';
import {readFile, stat, utimes, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {buffer} from 'node:stream/consumers';
import test from 'ava';
import {decryptingDownload} from '../../source/crypt4gh/decrypting-download.js';
import {encryptingUpload} from '../../source/crypt4gh/encrypting-upload.js';
import {newSecretKey, publicKeyOf, writePrivateKey} from '../../source/crypt4gh/index.js';
import {segmentsContainer} from '../../source/protocol/keys.js';
import {
	createHttpClient,
	createPreissuedTokenAuth,
	createSwiftStore,
	type SwiftStore,
} from '../../source/storage/swift/index.js';
import {downloadObject, uploadFile} from '../../source/transfer/index.js';
import {removeContainer, testServers, uniqueContainer} from '../helpers/servers.js';
import {tempauthStore} from '../jobs/analyst/swift.js';
import {cuttingProxy} from '../transfer/cutting-proxy.js';
import {filesUnder, recordingStore, sandbox, sha256} from '../transfer/fixtures.js';
import {ensurePythonNacl, naclReader} from './python-nacl.js';

const mebibyte = 1024 * 1024;
const {store, auth} = tempauthStore();
const secretKey = newSecretKey();
const reader = {secretKey, publicKey: publicKeyOf(secretKey)};
const upload = encryptingUpload(uploadFile, [reader.publicKey]);

test.after.always(async () => store.close());

async function bucket(t: {teardown(fn: () => Promise<void>): void}) {
	const container = uniqueContainer('encrypted-resume');
	await store.createContainer(container);
	t.teardown(async () => {
		const session = await auth.getSession();
		await removeContainer(store, session, container);
		await removeContainer(store, session, segmentsContainer(container));
	});
	return container;
}

/** The store reached through a proxy that cuts the link after `bytes` sent. */
async function cutAfter(t: {teardown(fn: () => Promise<void>): void}, bytes: number) {
	const url = new URL(testServers().tempauthUrl);
	const proxy = await cuttingProxy(
		{host: url.hostname, port: Number(url.port)},
		{direction: 'up', bytes},
	);
	const session = await auth.getSession();
	const storageUrl = new URL(session.storageUrl);
	storageUrl.host = `127.0.0.1:${proxy.port}`;
	const cut: SwiftStore = createSwiftStore({
		auth: createPreissuedTokenAuth({token: session.token, storageUrl: storageUrl.href}),
		http: createHttpClient({retry: {retries: 0}}),
	});
	t.teardown(async () => {
		await cut.close();
		await proxy.close();
	});
	return {cut, proxy};
}

// 12 segments of 2 MiB of plaintext (32 Crypt4GH segments each), two at a time.
const options = (journalFolder: string) => ({
	segmentThreshold: 2 * mebibyte,
	segmentSize: 2 * mebibyte,
	parallel: 2,
	journalFolder,
	retry: {attempts: 2, baseDelayMs: 10},
});

type Journal = {stored: Array<{index: number}>; encoding: {saved?: string}};

/** The first run, cut off part way: the journal it leaves. */
async function cutRun(
	t: {teardown(fn: () => Promise<void>): void},
	path: string,
	ref: {container: string; key: string},
	journals: string,
) {
	const {cut, proxy} = await cutAfter(t, 9 * mebibyte);
	await upload(cut, ref, path, options(journals)).then(
		() => {
			throw new Error('the cut run finished');
		},
		() => undefined,
	);
	const [name] = await filesUnder(journals);
	const journalPath = join(journals, name ?? '');
	const journal = JSON.parse(await readFile(journalPath, 'utf8')) as Journal;
	return {journal, broken: proxy.broken(), mode: (await stat(journalPath)).mode & 0o777};
}

test('an encrypted upload cut off resumes, sealing only the missing segments, and decrypts byte-exact', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const container = await bucket(t);
	const content = randomBytes(24 * mebibyte);
	const path = join(box.root, 'genotypes.bed');
	await writeFile(path, content);
	const ref = {container, key: 'jobs/r/1-r/input/genotypes.bed'};

	const first = await cutRun(t, path, ref, box.journalFolder);
	t.true(first.broken);
	t.is(first.mode, 0o600, 'the journal holding the session key is private');
	t.truthy(first.journal.encoding.saved);
	const storedFirst = first.journal.stored.length;
	t.true(storedFirst >= 2 && storedFirst < 12, `${storedFirst} segments stored before the cut`);

	const healthy = recordingStore(store);
	const result = await upload(healthy.store, ref, path, options(box.journalFolder));
	const resent = healthy.puts.map((put) => Number(put.ref.key.slice(-8)));
	t.is(resent.length, 12 - storedFirst);
	t.is(new Set(resent).size, resent.length, 'each missing segment sent once');
	for (const {index} of first.journal.stored)
		t.false(resent.includes(index), `segment ${index} sent again`);
	t.is(result.resumedBytes, storedFirst * 2 * mebibyte);
	t.deepEqual(result.plain, {bytes: content.length, sha256: sha256(content)});
	t.deepEqual(await filesUnder(box.journalFolder), [], 'the journal and its key are gone');

	const raw = await buffer((await store.get(result.ref)).body);
	t.is(raw.length, result.bytes);
	t.false(raw.includes(content.subarray(0, 64)), 'no plaintext in the bucket');
	const download = decryptingDownload(downloadObject, async () => [reader]);
	const got = await download(store, result.ref, box.downloads, 'genotypes.bed.c4gh', {
		journalFolder: box.journalFolder,
	});
	t.is(sha256(await readFile(got.path)), sha256(content));

	ensurePythonNacl();
	const keyPath = join(box.root, 'reader.sec');
	await writeFile(keyPath, await writePrivateKey(secretKey, undefined, 'test'));
	const cipherPath = join(box.root, 'stored.c4gh');
	await writeFile(cipherPath, raw);
	const answer = naclReader<{sha256: string}>([
		'decrypt',
		keyPath,
		cipherPath,
		join(box.root, 'out'),
	]);
	t.is(answer.sha256, sha256(content));
});

test('a file changed between the runs is sent whole again, not mixed with the first run', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const container = await bucket(t);
	const path = join(box.root, 'genotypes.bed');
	await writeFile(path, randomBytes(24 * mebibyte));
	const ref = {container, key: 'changed/genotypes.bed'};
	const first = await cutRun(t, path, ref, box.journalFolder);
	t.true(first.journal.stored.length >= 2);

	// Same size, other bytes; the mtime put back, so only the ranges' MD5 can tell.
	const before = await stat(path);
	const changed = randomBytes(24 * mebibyte);
	await writeFile(path, changed);
	await utimes(path, before.atime, before.mtime);
	const healthy = recordingStore(store);
	const result = await upload(healthy.store, ref, path, options(box.journalFolder));
	t.is(healthy.puts.length, 12, 'every segment sent again');
	t.is(result.resumedBytes, 0);
	const got = await decryptingDownload(downloadObject, async () => [reader])(
		store,
		result.ref,
		box.downloads,
		'genotypes.bed.c4gh',
		{journalFolder: box.journalFolder},
	);
	t.is(sha256(await readFile(got.path)), sha256(changed));
});
