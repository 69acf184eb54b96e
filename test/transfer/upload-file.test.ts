import {utimesSync} from 'node:fs';
import {stat, utimes} from 'node:fs/promises';
import {join} from 'node:path';
import {buffer} from 'node:stream/consumers';
import test from 'ava';
import {Unauthorized, Unavailable} from '../../source/storage/errors/index.js';
import {FileChanged, TransferFailed} from '../../source/transfer/errors/index.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import {sha256MetadataName, type TransferProgress} from '../../source/transfer/transfer.js';
import {
	filesUnder,
	keysIn,
	md5,
	progressProblems,
	randomFile,
	recordingStore,
	sandbox,
	sha256,
	type Sandbox,
} from './fixtures.js';

const segmented = {segmentThreshold: 100_000, segmentSize: 64_000};
const segmentKey = /^input\/data\.tar\/slo\/\d+\.\d{6}\/1000000\/64000\/\d{8}$/;

test('a small file goes up in one PUT whose MD5 the store checks, with its SHA-256 as metadata', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'small.txt'), 5000);
	const recording = recordingStore(box.store);
	const ref = {container: box.container, key: 'jobs/jdoe/1-jdoe/input/small.txt'};

	const result = await uploadFile(recording.store, ref, join(box.root, 'small.txt'), {
		contentType: 'text/plain',
		metadata: {origin: 'test'},
	});

	t.deepEqual(result, {
		ref,
		bytes: 5000,
		sha256: sha256(content),
		segmented: false,
		resumedBytes: 0,
	});
	t.is(recording.puts.length, 1);
	const head = await box.store.head(ref);
	t.is(head.etag, md5(content));
	t.is(head.manifest, 'none');
	t.is(head.contentType, 'text/plain');
	t.is(head.metadata[sha256MetadataName], sha256(content));
	t.is(head.metadata.origin, 'test');
	t.regex(head.metadata.mtime ?? '', /^\d+\.\d{6}$/);
	t.is(sha256(await buffer((await box.store.get(ref)).body)), sha256(content));
});

test('an empty file uploads as an empty object', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'empty'), 0);
	const ref = {container: box.container, key: 'empty'};
	const result = await uploadFile(box.store, ref, join(box.root, 'empty'));
	t.is(result.sha256, sha256(content));
	t.is((await box.store.head(ref)).bytes, 0);
});

test('a file above the threshold becomes a static large object with python-swiftclient segment names', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'data.tar'), 1_000_000);
	const recording = recordingStore(box.store);
	const ref = {container: box.container, key: 'input/data.tar'};

	const result = await uploadFile(recording.store, ref, join(box.root, 'data.tar'), {
		...segmented,
		journalFolder: box.journalFolder,
	});

	t.true(result.segmented);
	t.is(result.sha256, sha256(content));
	const segmentKeys = await keysIn(box.store, `${box.container}_segments`);
	t.is(segmentKeys.length, 16);
	for (const key of segmentKeys) t.regex(key, segmentKey);
	t.true(segmentKeys.at(-1)?.endsWith('/00000015'));
	// Each PUT starts before any hash is known; its MD5 is taken as it is sent.
	for (const put of recording.puts) t.is(put.options.md5, undefined);
	const head = await box.store.head(ref);
	t.is(head.manifest, 'slo');
	t.is(head.bytes, content.length);
	t.is(head.metadata[sha256MetadataName], sha256(content));
	t.is(sha256(await buffer((await box.store.get(ref)).body)), sha256(content));
	t.deepEqual(
		await filesUnder(box.journalFolder),
		[],
		'the journal is gone once the manifest is written',
	);
});

test('no more segments are in flight than asked for', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	await randomFile(join(box.root, 'data.tar'), 1_000_000);
	const recording = recordingStore(box.store, {
		async put(_call, next) {
			await new Promise((resolve) => setTimeout(resolve, 5));
			return next();
		},
	});
	await uploadFile(
		recording.store,
		{container: box.container, key: 'input/data.tar'},
		join(box.root, 'data.tar'),
		{
			...segmented,
			parallel: 3,
			journalFolder: box.journalFolder,
		},
	);
	t.is(recording.concurrency.most, 3);
});

test('an aborted segmented upload resumes: the rerun sends only the segments not yet stored', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'data.tar'), 1_000_000);
	const ref = {container: box.container, key: 'input/data.tar'};
	const controller = new AbortController();
	let stored = 0;
	const first = recordingStore(box.store, {
		async put(_call, next) {
			const result = await next();
			if (++stored === 6) controller.abort(new Error('stopped by the person'));
			return result;
		},
	});
	const options = {...segmented, parallel: 2, journalFolder: box.journalFolder};

	await t.throwsAsync(
		uploadFile(first.store, ref, join(box.root, 'data.tar'), {
			...options,
			signal: controller.signal,
		}),
		{message: 'stopped by the person'},
	);
	const storedBefore = (await keysIn(box.store, `${box.container}_segments`)).length;
	t.true(storedBefore >= 6 && storedBefore < 16);
	t.is((await filesUnder(box.journalFolder)).length, 1, 'the journal is kept');

	const events: TransferProgress[] = [];
	const second = recordingStore(box.store);
	const result = await uploadFile(second.store, ref, join(box.root, 'data.tar'), {
		...options,
		onProgress: (event) => events.push(event),
	});

	t.is(second.puts.length, 16 - storedBefore);
	t.is(result.resumedBytes, storedBefore * 64_000);
	t.is(second.heads.length, storedBefore, 'each recorded segment is checked once');
	t.deepEqual(progressProblems(events, ['uploading', 'done']), [], 'no second hashing pass');
	t.is(sha256(await buffer((await box.store.get(ref)).body)), sha256(content));
	t.deepEqual(await filesUnder(box.journalFolder), []);
});

test('a segment missing from the store since the journal was written is sent again', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'data.tar'), 1_000_000);
	const ref = {container: box.container, key: 'input/data.tar'};
	const controller = new AbortController();
	let stored = 0;
	const first = recordingStore(box.store, {
		async put(_call, next) {
			const result = await next();
			if (++stored === 4) controller.abort(new Error('stopped by the person'));
			return result;
		},
	});
	const options = {...segmented, parallel: 1, journalFolder: box.journalFolder};
	await t.throwsAsync(
		uploadFile(first.store, ref, join(box.root, 'data.tar'), {
			...options,
			signal: controller.signal,
		}),
	);
	const segments = await keysIn(box.store, `${box.container}_segments`);
	t.is(segments.length, 4);
	await box.store.delete({container: `${box.container}_segments`, key: segments[1] ?? ''});

	const second = recordingStore(box.store);
	const result = await uploadFile(second.store, ref, join(box.root, 'data.tar'), options);

	t.is(second.puts.length, 13);
	t.true(second.puts.some((put) => put.ref.key === segments[1]));
	t.is(result.resumedBytes, 3 * 64_000);
	t.is(sha256(await buffer((await box.store.get(ref)).body)), sha256(content));
});

test('a file changed since the aborted run is uploaded from the start', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const path = join(box.root, 'data.tar');
	await randomFile(path, 1_000_000);
	const ref = {container: box.container, key: 'input/data.tar'};
	const controller = new AbortController();
	let stored = 0;
	const first = recordingStore(box.store, {
		async put(_call, next) {
			const result = await next();
			if (++stored === 4) controller.abort(new Error('stopped by the person'));
			return result;
		},
	});
	const options = {...segmented, parallel: 1, journalFolder: box.journalFolder};
	await t.throwsAsync(uploadFile(first.store, ref, path, {...options, signal: controller.signal}));

	const changed = await randomFile(path, 1_000_000);
	const {mtime} = await stat(path);
	await utimes(path, mtime, new Date(mtime.getTime() + 5000));
	const second = recordingStore(box.store);
	const result = await uploadFile(second.store, ref, path, options);

	t.is(second.puts.length, 16);
	t.is(result.resumedBytes, 0);
	t.is(result.sha256, sha256(changed));
	t.is(sha256(await buffer((await box.store.get(ref)).body)), sha256(changed));
});

test('a segment that fails once on the network is sent again and the upload completes', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'data.tar'), 1_000_000);
	const ref = {container: box.container, key: 'input/data.tar'};
	let failed = false;
	const recording = recordingStore(box.store, {
		async put(call, next) {
			if (!failed && call.ref.key.endsWith('/00000003')) {
				failed = true;
				throw new Unavailable('connection reset', {status: undefined});
			}
			return next();
		},
	});
	const result = await uploadFile(recording.store, ref, join(box.root, 'data.tar'), {
		...segmented,
		journalFolder: box.journalFolder,
		retry: {baseDelayMs: 1},
	});
	t.is(recording.puts.filter((put) => put.ref.key.endsWith('/00000003')).length, 2);
	t.is(result.sha256, sha256(content));
	t.is(sha256(await buffer((await box.store.get(ref)).body)), sha256(content));
});

test('a 401 in the middle of a streamed segment is sent again from a fresh stream', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'data.tar'), 1_000_000);
	const ref = {container: box.container, key: 'input/data.tar'};
	let expired = false;
	const recording = recordingStore(box.store, {
		async put(call, next) {
			if (!expired && call.ref.key.endsWith('/00000005')) {
				expired = true;
				// Half the segment goes out before the server refuses the token.
				const body = call.body as NodeJS.ReadableStream;
				await new Promise((resolve) => {
					body.once('data', resolve);
				});
				throw new Unauthorized('The session expired while uploading; send the upload again', {
					status: 401,
				});
			}
			return next();
		},
	});
	const result = await uploadFile(recording.store, ref, join(box.root, 'data.tar'), {
		...segmented,
		journalFolder: box.journalFolder,
	});
	t.is(recording.puts.filter((put) => put.ref.key.endsWith('/00000005')).length, 2);
	t.is(result.sha256, sha256(content));
	t.is(sha256(await buffer((await box.store.get(ref)).body)), sha256(content));
});

test('a segment that keeps failing stops the upload with a clear error and keeps the journal', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	await randomFile(join(box.root, 'data.tar'), 1_000_000);
	const ref = {container: box.container, key: 'input/data.tar'};
	const recording = recordingStore(box.store, {
		async put(call, next) {
			if (call.ref.key.endsWith('/00000007')) throw new Unavailable('Swift answered 503');
			return next();
		},
	});
	const error = await t.throwsAsync(
		uploadFile(recording.store, ref, join(box.root, 'data.tar'), {
			...segmented,
			parallel: 1,
			journalFolder: box.journalFolder,
			retry: {attempts: 3, baseDelayMs: 1},
		}),
		{instanceOf: TransferFailed},
	);
	t.regex(error.message, /segment 8\/16 .*Swift answered 503.*7 segments already stored are kept/);
	t.is(recording.puts.filter((put) => put.ref.key.endsWith('/00000007')).length, 3);
	t.is(recording.manifests.length, 0);
	t.is((await filesUnder(box.journalFolder)).length, 1);
	await t.throwsAsync(box.store.head(ref), {name: 'NotFound'});
});

test('progress of a segmented upload: uploading from the start, never backwards, 100% at the end', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	await randomFile(join(box.root, 'data.tar'), 1_000_000);
	const events: TransferProgress[] = [];
	await uploadFile(
		box.store,
		{container: box.container, key: 'input/data.tar'},
		join(box.root, 'data.tar'),
		{
			...segmented,
			journalFolder: box.journalFolder,
			onProgress: (event) => events.push(event),
		},
	);
	// No hashing phase: the segments go up at once, hashed as they are sent.
	t.deepEqual(progressProblems(events, ['uploading', 'done']), []);
	const last = events.at(-1);
	t.deepEqual(last?.segment, {index: 16, count: 16});
	t.is(last?.etaSeconds, 0);
});

test('an upload aborted while hashing rejects with the reason given and stores nothing', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	await randomFile(join(box.root, 'data.tar'), 3_000_000);
	const controller = new AbortController();
	const reason = new Error('cancelled by the person');
	const recording = recordingStore(box.store);
	await t.throwsAsync(
		uploadFile(
			recording.store,
			{container: box.container, key: 'input/data.tar'},
			join(box.root, 'data.tar'),
			{
				onProgress(event) {
					if (event.phase === 'hashing') controller.abort(reason);
				},
				signal: controller.signal,
			},
		),
		{is: reason},
	);
	t.is(recording.puts.length, 0);
});

test('a segment failing while the rest of the file is still being hashed gives the clear error', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	await randomFile(join(box.root, 'data.tar'), 8_000_000);
	const recording = recordingStore(box.store, {
		async put() {
			throw new Unavailable('Swift answered 503');
		},
	});
	const error = await t.throwsAsync(
		uploadFile(
			recording.store,
			{container: box.container, key: 'input/data.tar'},
			join(box.root, 'data.tar'),
			{
				segmentThreshold: 64_000,
				segmentSize: 64_000,
				journalFolder: box.journalFolder,
				retry: {attempts: 1},
			},
		),
		{instanceOf: TransferFailed},
	);
	t.regex(error.message, /^Upload of segment \d+\/125 of .*Swift answered 503/);
});

test('a file changed while it is hashed is not uploaded, and says so', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const path = join(box.root, 'data.tar');
	await randomFile(path, 1_000_000);
	let touched = false;
	const recording = recordingStore(box.store);
	await t.throwsAsync(
		uploadFile(recording.store, {container: box.container, key: 'input/data.tar'}, path, {
			...segmented,
			journalFolder: box.journalFolder,
			onProgress() {
				if (touched) return;
				touched = true;
				const later = new Date(Date.now() + 60_000);
				utimesSync(path, later, later);
			},
		}),
		{instanceOf: FileChanged, message: /changed while it was being uploaded/},
	);
	t.is(recording.manifests.length, 0);
	t.deepEqual(await filesUnder(box.journalFolder), []);
});

/** The segment names stored for objects at or below `key`. */
async function segmentNames(box: Sandbox, key: string): Promise<string[]> {
	const names: string[] = [];
	for await (const entry of box.store.list(`${box.container}_segments`, {prefix: `${key}/`})) {
		if (entry.kind === 'object') names.push(entry.key);
	}
	return names;
}

test('replacing a large object deletes the segments of the old one, not those of out.bin/x', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const ref = {container: box.container, key: 'jobs/u/1-u/HUS/results/out.bin'};
	const neighbour = {container: box.container, key: `${ref.key}/x`};
	const path = join(box.root, 'out.bin');
	const options = {...segmented, journalFolder: box.journalFolder};
	await randomFile(path, 300_000);
	await uploadFile(box.store, neighbour, path, options);
	const neighbourSegments = await segmentNames(box, neighbour.key);
	t.is(neighbourSegments.length, 5);

	await uploadFile(box.store, ref, path, options);
	const first = (await segmentNames(box, ref.key)).filter((key) => !key.startsWith(neighbour.key));
	t.is(first.length, 5);

	const changed = await randomFile(path, 200_000);
	utimesSync(path, new Date(), new Date(Date.now() + 5000));
	const second = await uploadFile(box.store, ref, path, options);
	t.is(second.staleSegmentsRemoved, 5);
	const now = (await segmentNames(box, ref.key)).filter((key) => !key.startsWith(neighbour.key));
	t.is(now.length, 4);
	t.true(now.every((key) => key.startsWith(second.segmentPrefix ?? '?')));
	t.is(sha256(await buffer((await box.store.get(ref)).body)), sha256(changed));

	// A small file in its place leaves none of the object's segments, and the neighbour's all.
	await randomFile(path, 1000);
	const small = await uploadFile(box.store, ref, path, options);
	t.false(small.segmented);
	t.is(small.staleSegmentsRemoved, 4);
	t.deepEqual(await segmentNames(box, ref.key), neighbourSegments);
});

test('a segment stored with another MD5 than the one of the bytes sent fails clearly, no manifest', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	await randomFile(join(box.root, 'data.tar'), 300_000);
	const recording = recordingStore(box.store, {
		async put(_call, next) {
			await next();
			return {etag: '0123456789abcdef0123456789abcdef'};
		},
	});
	const error = await t.throwsAsync(
		uploadFile(
			recording.store,
			{container: box.container, key: 'bad'},
			join(box.root, 'data.tar'),
			{
				...segmented,
				journalFolder: box.journalFolder,
				retry: {attempts: 1, baseDelayMs: 1},
			},
		),
	);
	t.regex(
		error.message,
		/stored with MD5 0123456789abcdef0123456789abcdef, but the 64000 bytes sent have MD5 [\da-f]{32}/,
	);
	t.is(recording.manifests.length, 0);
});
