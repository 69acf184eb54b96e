import {createHash, randomBytes} from 'node:crypto';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Readable} from 'node:stream';
import test from 'ava';
import {segmentsContainer} from '../../source/protocol/keys.js';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import {
	createHttpClient,
	createSwiftStore,
	createTempAuth,
	type HttpClient,
} from '../../source/storage/swift/index.js';
import {downloadObject} from '../../source/transfer/download-object.js';
import {sha256MetadataName} from '../../source/transfer/transfer.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import {removeContainer, testServers, uniqueContainer} from '../helpers/servers.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** An HTTP client that adds up the request body bytes the store sends. */
function countingBytes(): {http: HttpClient; sent: () => number; reset: () => void} {
	const inner = createHttpClient();
	let sent = 0;
	return {
		sent: () => sent,
		reset: () => (sent = 0),
		http: {
			async send(request) {
				const {body} = request as {body?: unknown};
				if (typeof body === 'string') sent += Buffer.byteLength(body);
				else if (body instanceof Uint8Array) sent += body.byteLength;
				else if (body !== undefined && body !== null)
					(body as Readable).on('data', (chunk: Buffer) => (sent += chunk.length));
				return inner.send(request);
			},
			close: async () => inner.close(),
		},
	};
}

test('a server-side copy sends none of the bytes; a large object gets its own segments, its SHA-256 metadata and verifies after the original is deleted', async (t) => {
	const servers = testServers();
	const counter = countingBytes();
	const auth = createTempAuth({
		authUrl: servers.tempauthUrl,
		user: servers.tempauthUser,
		key: servers.tempauthKey,
	});
	const store = createSwiftStore({auth, http: counter.http});
	const bucket = uniqueContainer('copy');
	await store.createContainer(bucket);
	await store.createContainer(segmentsContainer(bucket));
	t.teardown(async () => {
		const session = await auth.getSession();
		await removeContainer(store, session, bucket);
		await removeContainer(store, session, segmentsContainer(bucket));
		await counter.http.close();
	});
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-copy-'));
	t.teardown(() => rm(folder, {recursive: true, force: true}));
	const big = randomBytes(3 * 1024 * 1024 + 123);
	await writeFile(join(folder, 'container.sif'), big);
	const oldKey = 'jobs/jdoe/1795000000-jdoe/container.sif';
	const uploaded = await uploadFile(
		store,
		{container: bucket, key: oldKey},
		join(folder, 'container.sif'),
		{
			segmentThreshold: 1024 * 1024,
			segmentSize: 1024 * 1024,
			journalFolder: folder,
		},
	);
	t.true(uploaded.segmented);
	await store.put({container: bucket, key: 'jobs/jdoe/1795000000-jdoe/README.txt'}, 'Run it.\n', {
		metadata: {[sha256MetadataName]: sha256(Buffer.from('Run it.\n'))},
	});

	counter.reset();
	const newKey = 'jobs/jdoe/1795000100-jdoe/container.sif';
	const copied = await store.copy(
		{container: bucket, key: oldKey},
		{container: bucket, key: newKey},
	);
	const plain = await store.copy(
		{container: bucket, key: 'jobs/jdoe/1795000000-jdoe/README.txt'},
		{container: bucket, key: 'jobs/jdoe/1795000100-jdoe/README.txt'},
	);
	t.like(copied, {bytes: big.length, segments: 4});
	t.is(copied.metadata[sha256MetadataName], sha256(big));
	t.is(plain.metadata[sha256MetadataName], sha256(Buffer.from('Run it.\n')));
	t.log(`bytes sent for both copies: ${counter.sent()} (the file is ${big.length})`);
	t.true(counter.sent() < 2048, `only the new manifest went up: ${counter.sent()} bytes`);

	// Its own segments, under the new key: the old job's can go.
	const segmentKeys: string[] = [];
	for await (const entry of store.list(segmentsContainer(bucket), {prefix: `${newKey}/`}))
		if (entry.kind === 'object') segmentKeys.push(entry.key);
	t.is(segmentKeys.length, 4);
	const oldSegments: string[] = [];
	for await (const entry of store.list(segmentsContainer(bucket), {prefix: `${oldKey}/`}))
		if (entry.kind === 'object') oldSegments.push(entry.key);
	await store.deleteMany(segmentsContainer(bucket), oldSegments);
	await store.delete({container: bucket, key: oldKey});

	const download = await downloadObject(
		store,
		{container: bucket, key: newKey},
		folder,
		'copy.sif',
	);
	t.is(download.verifiedBy, 'sha256');
	t.true((await readFile(join(folder, 'copy.sif'))).equals(big));
});

test('the folder store copies too, content type and metadata kept', async (t) => {
	const root = await mkdtemp(join(tmpdir(), 'ivjm-copy-local-'));
	t.teardown(() => rm(root, {recursive: true, force: true}));
	const store = createLocalStore({root});
	await store.createContainer('b');
	await store.put({container: 'b', key: 'a/x.txt'}, 'x', {
		contentType: 'text/plain',
		metadata: {[sha256MetadataName]: sha256(Buffer.from('x'))},
	});
	const copied = await store.copy(
		{container: 'b', key: 'a/x.txt'},
		{container: 'b', key: 'c/x.txt'},
	);
	t.is(copied.metadata[sha256MetadataName], sha256(Buffer.from('x')));
	const head = await store.head({container: 'b', key: 'c/x.txt'});
	t.like(head, {bytes: 1, contentType: 'text/plain'});
});
