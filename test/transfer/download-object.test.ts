import {lstat, mkdir, readFile, stat, symlink, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import test from 'ava';
import {Unavailable} from '../../source/storage/errors/index.js';
import type {ObjectStore} from '../../source/storage/store.js';
import {downloadObject} from '../../source/transfer/download-object.js';
import {
	TransferFailed,
	UnsafePath,
	VerificationFailed,
} from '../../source/transfer/errors/index.js';
import type {TransferProgress} from '../../source/transfer/transfer.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import {
	filesUnder,
	progressProblems,
	randomFile,
	recordingStore,
	sandbox,
	sha256,
	type Sandbox,
} from './fixtures.js';

async function putSegmented(box: Sandbox, key: string, parts: Buffer[], metadata = {}) {
	const container = `${box.container}_segments`;
	await box.store.createContainer(container);
	const segments = [];
	for (const [index, part] of parts.entries()) {
		const segmentKey = `${key}/manual/${index}`;
		const {etag} = await box.store.put({container, key: segmentKey}, part);
		segments.push({container, key: segmentKey, etag, bytes: part.length});
	}
	await box.store.putManifest({container: box.container, key}, segments, {metadata});
}

/** A store whose GET bodies break after `cut` bytes, the first `times` times. */
function cuttingStore(inner: ObjectStore, cut: number, times: number) {
	let cuts = 0;
	return recordingStore(inner, {
		async get(_call, next) {
			const result = await next();
			if (cuts >= times) return result;
			cuts++;
			const body = new PassThrough();
			let passed = 0;
			result.body.on('data', (chunk: Buffer) => {
				const room = cut - passed;
				passed += chunk.length;
				if (room > 0) body.write(chunk.subarray(0, room));
				if (passed >= cut) {
					result.body.destroy();
					body.destroy(new Unavailable('The connection was reset'));
				}
			});
			result.body.on('end', () => body.end());
			result.body.on('error', (error) => body.destroy(error));
			return {head: result.head, body};
		},
	});
}

test('an object without our metadata is verified by its MD5 ETag and renamed into place', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = Buffer.from('results of the biobank\n'.repeat(1000));
	const ref = {container: box.container, key: 'jobs/jdoe/1-jdoe/HUS/results/out.txt'};
	await box.store.put(ref, content);

	const events: TransferProgress[] = [];
	const result = await downloadObject(box.store, ref, box.downloads, './results/out.txt', {
		journalFolder: box.journalFolder,
		onProgress: (event) => events.push(event),
	});

	t.deepEqual(result, {
		path: join(box.downloads, 'results/out.txt'),
		bytes: content.length,
		sha256: sha256(content),
		verifiedBy: 'md5',
		skipped: false,
		resumedBytes: 0,
	});
	t.is(sha256(await readFile(result.path)), sha256(content));
	t.deepEqual(await filesUnder(box.downloads), ['results/out.txt']);
	t.is((await stat(result.path)).mode & 0o777, 0o600, 'private whatever the umask');
	t.deepEqual(progressProblems(events, ['downloading', 'verifying', 'done']), []);
	t.deepEqual(await filesUnder(box.journalFolder), []);
});

test('a segmented upload of ours downloads whole and is verified by its SHA-256', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'big.bin'), 700_000);
	const ref = {container: box.container, key: 'input/big.bin'};
	await uploadFile(box.store, ref, join(box.root, 'big.bin'), {
		segmentThreshold: 100_000,
		segmentSize: 100_000,
		journalFolder: box.journalFolder,
	});
	const result = await downloadObject(box.store, ref, box.downloads, 'big.bin', {
		journalFolder: box.journalFolder,
		mode: 0o600,
	});
	t.is(result.verifiedBy, 'sha256');
	t.is(sha256(await readFile(result.path)), sha256(content));
	t.is((await stat(result.path)).mode & 0o777, 0o600);
});

test('a manifest without our metadata is downloaded but reported as not verified', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const parts = [Buffer.from('first '), Buffer.from('second')];
	await putSegmented(box, 'container.sif', parts);
	const result = await downloadObject(
		box.store,
		{container: box.container, key: 'container.sif'},
		box.downloads,
		'container.sif',
		{journalFolder: box.journalFolder},
	);
	t.is(result.verifiedBy, 'none');
	t.is(await readFile(result.path, 'utf8'), 'first second');
});

test('a manifest is verified against the SHA-256 the caller expects', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const parts = [Buffer.from('first '), Buffer.from('second')];
	await putSegmented(box, 'container.sif', parts);
	const ref = {container: box.container, key: 'container.sif'};

	const good = await downloadObject(box.store, ref, box.downloads, 'good.sif', {
		expectedSha256: sha256(Buffer.from('first second')),
		journalFolder: box.journalFolder,
	});
	t.is(good.verifiedBy, 'sha256');

	const error = await t.throwsAsync(
		downloadObject(box.store, ref, box.downloads, 'bad.sif', {
			expectedSha256: sha256(Buffer.from('something else')),
			journalFolder: box.journalFolder,
		}),
		{instanceOf: VerificationFailed},
	);
	t.regex(error.message, /arrived damaged: its SHA-256 is [\da-f]{64}/);
	t.deepEqual(
		await filesUnder(box.downloads),
		['good.sif'],
		'nothing under the final name, no .part',
	);
});

test('a file already there with the right SHA-256 is not downloaded again', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'in.bin'), 50_000);
	const ref = {container: box.container, key: 'in.bin'};
	await uploadFile(box.store, ref, join(box.root, 'in.bin'));
	await writeFile(join(box.downloads, 'in.bin'), content);
	const recording = recordingStore(box.store);

	const result = await downloadObject(recording.store, ref, box.downloads, 'in.bin', {
		journalFolder: box.journalFolder,
	});

	t.true(result.skipped);
	t.is(result.sha256, sha256(content));
	t.is(recording.gets.length, 0);
});

test('a different file under the final name is replaced only once the download is verified', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'in.bin'), 50_000);
	const ref = {container: box.container, key: 'in.bin'};
	await uploadFile(box.store, ref, join(box.root, 'in.bin'));
	await writeFile(join(box.downloads, 'in.bin'), 'an older version');
	const result = await downloadObject(box.store, ref, box.downloads, 'in.bin', {
		journalFolder: box.journalFolder,
	});
	t.false(result.skipped);
	t.is(sha256(await readFile(result.path)), sha256(content));
});

test('a connection dropped mid-download is resumed with a range request in the same run', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'in.bin'), 300_000);
	const ref = {container: box.container, key: 'in.bin'};
	await box.store.put(ref, content);
	const recording = cuttingStore(box.store, 100_000, 1);

	const result = await downloadObject(recording.store, ref, box.downloads, 'in.bin', {
		journalFolder: box.journalFolder,
		retry: {baseDelayMs: 1},
	});

	t.is(recording.gets.length, 2);
	const resumedAt = recording.gets[1]?.options.range?.start ?? 0;
	t.true(resumedAt > 0 && resumedAt <= 100_000, `resumed at ${resumedAt}`);
	t.is(recording.gets[1]?.options.ifMatch, (await box.store.head(ref)).etag);
	t.is(sha256(await readFile(result.path)), sha256(content));
});

test('an interrupted download keeps its .part, and a rerun continues it with a range request', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'in.bin'), 300_000);
	const ref = {container: box.container, key: 'in.bin'};
	await uploadFile(box.store, ref, join(box.root, 'in.bin'));
	const broken = cuttingStore(box.store, 120_000, 1);

	const error = await t.throwsAsync(
		downloadObject(broken.store, ref, box.downloads, 'in.bin', {
			journalFolder: box.journalFolder,
			retry: {attempts: 1},
		}),
		{instanceOf: TransferFailed},
	);
	t.regex(error.message, /kept in .*in\.bin\.part: download again to continue/);
	t.deepEqual(await filesUnder(box.downloads), ['in.bin.part']);
	const kept = (await stat(join(box.downloads, 'in.bin.part'))).size;
	t.true(kept > 0 && kept <= 120_000, `kept ${kept} bytes`);

	const events: TransferProgress[] = [];
	const healthy = recordingStore(box.store);
	const result = await downloadObject(healthy.store, ref, box.downloads, 'in.bin', {
		journalFolder: box.journalFolder,
		onProgress: (event) => events.push(event),
	});

	t.is(result.resumedBytes, kept);
	t.is(result.verifiedBy, 'sha256');
	t.deepEqual(healthy.gets[0]?.options.range, {start: kept});
	t.is(sha256(await readFile(result.path)), sha256(content));
	t.deepEqual(await filesUnder(box.downloads), ['in.bin']);
	t.deepEqual(progressProblems(events, ['downloading', 'verifying', 'done']), []);
});

test('a .part of an object replaced since is thrown away and the new version downloaded whole', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const ref = {container: box.container, key: 'in.bin'};
	await box.store.put(ref, await randomFile(join(box.root, 'old.bin'), 300_000));
	await t.throwsAsync(
		downloadObject(cuttingStore(box.store, 120_000, 1).store, ref, box.downloads, 'in.bin', {
			journalFolder: box.journalFolder,
			retry: {attempts: 1},
		}),
	);
	const replacement = await randomFile(join(box.root, 'new.bin'), 200_000);
	await box.store.put(ref, replacement);

	const recording = recordingStore(box.store);
	const result = await downloadObject(recording.store, ref, box.downloads, 'in.bin', {
		journalFolder: box.journalFolder,
	});

	t.is(result.resumedBytes, 0);
	t.is(recording.gets[0]?.options.range, undefined);
	t.is(sha256(await readFile(result.path)), sha256(replacement));
});

test('an object replaced between the check and the read is read again from the start', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const ref = {container: box.container, key: 'in.bin'};
	await box.store.put(ref, 'first version');
	let replaced = false;
	const recording = recordingStore(box.store, {
		async get(_call, next) {
			if (!replaced) {
				replaced = true;
				await box.store.put(ref, 'second version');
			}
			return next();
		},
	});
	const result = await downloadObject(recording.store, ref, box.downloads, 'in.txt', {
		journalFolder: box.journalFolder,
	});
	t.is(await readFile(result.path, 'utf8'), 'second version');
	t.is(recording.gets.length, 2);
});

for (const hostile of [
	'../outside.txt',
	'/etc/passwd',
	'results/../../outside.txt',
	'./../outside.txt',
	'results\\..\\outside.txt',
	'',
	'results/',
	'a\u0000b',
	'line\nbreak',
]) {
	test(`the path ${JSON.stringify(hostile)} is refused before anything is read or written`, async (t) => {
		const box = await sandbox();
		t.teardown(box.cleanup);
		const ref = {container: box.container, key: 'in.txt'};
		await box.store.put(ref, 'data');
		const recording = recordingStore(box.store);
		await t.throwsAsync(
			downloadObject(recording.store, ref, box.downloads, hostile, {
				journalFolder: box.journalFolder,
			}),
			{instanceOf: UnsafePath, message: /^Refused to download to .*: The path /},
		);
		t.is(recording.heads.length + recording.gets.length, 0);
		t.deepEqual(
			await filesUnder(box.root).then((files) => files.filter((f) => !f.startsWith('store/'))),
			[],
		);
	});
}

test('a symbolic link planted as a folder inside the download folder is refused', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const outside = join(box.root, 'outside');
	await mkdir(outside);
	await symlink(outside, join(box.downloads, 'results'));
	const ref = {container: box.container, key: 'in.txt'};
	await box.store.put(ref, 'data');

	const error = await t.throwsAsync(
		downloadObject(box.store, ref, box.downloads, 'results/out.txt', {
			journalFolder: box.journalFolder,
		}),
		{instanceOf: UnsafePath},
	);
	t.regex(error.message, /results is a symbolic link/);
	t.deepEqual(await filesUnder(outside), []);
});

test('a symbolic link planted under the final or the .part name is never written through', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const victim = join(box.root, 'victim.txt');
	await writeFile(victim, 'precious');
	const ref = {container: box.container, key: 'in.txt'};
	await box.store.put(ref, 'data');

	await symlink(victim, join(box.downloads, 'final.txt'));
	await t.throwsAsync(
		downloadObject(box.store, ref, box.downloads, 'final.txt', {journalFolder: box.journalFolder}),
		{instanceOf: UnsafePath},
	);
	await symlink(victim, join(box.downloads, 'part.txt.part'));
	await t.throwsAsync(
		downloadObject(box.store, ref, box.downloads, 'part.txt', {journalFolder: box.journalFolder}),
		{instanceOf: UnsafePath},
	);

	t.is(await readFile(victim, 'utf8'), 'precious');
	t.true((await lstat(join(box.downloads, 'final.txt'))).isSymbolicLink());
	t.true((await lstat(join(box.downloads, 'part.txt.part'))).isSymbolicLink());
});

test('a missing object fails with NotFound and leaves nothing behind', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	await t.throwsAsync(
		downloadObject(box.store, {container: box.container, key: 'nope'}, box.downloads, 'a/b.txt', {
			journalFolder: box.journalFolder,
		}),
		{name: 'NotFound'},
	);
	t.deepEqual(await filesUnder(box.downloads), []);
});

test('a download aborted by the person rejects with their reason and keeps the .part for a rerun', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'in.bin'), 400_000);
	const ref = {container: box.container, key: 'in.bin'};
	await box.store.put(ref, content);
	const controller = new AbortController();
	const reason = new Error('cancelled by the person');
	const slow = recordingStore(box.store, {
		async get(_call, next) {
			const result = await next();
			const body = new PassThrough();
			let passed = 0;
			result.body.on('data', (chunk: Buffer) => {
				passed += chunk.length;
				body.write(chunk);
				if (passed >= 200_000) controller.abort(reason);
			});
			result.body.on('end', () => body.end());
			result.body.on('error', (error) => body.destroy(error));
			return {head: result.head, body};
		},
	});
	await t.throwsAsync(
		downloadObject(slow.store, ref, box.downloads, 'in.bin', {
			journalFolder: box.journalFolder,
			signal: controller.signal,
		}),
		{is: reason},
	);
	t.deepEqual(await filesUnder(box.downloads), ['in.bin.part']);

	const result = await downloadObject(box.store, ref, box.downloads, 'in.bin', {
		journalFolder: box.journalFolder,
	});
	t.true(result.resumedBytes > 0);
	t.is(sha256(await readFile(result.path)), sha256(content));
});

test('a download into a folder that does not exist says so and writes nothing', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const ref = {container: box.container, key: 'in.txt'};
	await box.store.put(ref, 'data');
	await t.throwsAsync(
		downloadObject(box.store, ref, join(box.root, 'missing'), 'in.txt', {
			journalFolder: box.journalFolder,
		}),
		{message: /download folder .*missing does not exist/},
	);
	t.deepEqual(await filesUnder(box.downloads), []);
});

test('a download larger than the write-back step (64 MiB) arrives whole while it is flushed on the way', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const content = await randomFile(join(box.root, 'large.bin'), 150 * 1024 * 1024);
	const ref = {container: box.container, key: 'input/large.bin'};
	await box.store.put(ref, content);
	const result = await downloadObject(box.store, ref, box.downloads, 'large.bin', {
		journalFolder: box.journalFolder,
	});
	t.is(result.bytes, content.length);
	t.is(sha256(await readFile(result.path)), sha256(content));
	t.deepEqual(await filesUnder(box.downloads), ['large.bin']);
});
