import type {FileHandle} from 'node:fs/promises';
import {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import test from 'ava';
import {DiskFull} from '../../source/transfer/errors/index.js';
import {downloadTarget, partWriter, progressiveWriteBack} from '../../source/transfer/safe-file.js';

/** A file handle on a disk that fills up after `room` bytes. */
function fillingHandle(room: number) {
	const written: Buffer[] = [];
	let used = 0;
	const handle = {
		async writev(buffers: Buffer[]) {
			const all = Buffer.concat(buffers);
			const take = Math.min(all.length, room - used);
			if (take <= 0)
				throw Object.assign(new Error('ENOSPC: no space left on device'), {code: 'ENOSPC'});
			written.push(Buffer.from(all.subarray(0, take)));
			used += take;
			return {bytesWritten: take, buffers};
		},
	};
	return {handle: handle as unknown as FileHandle, written};
}

test('a full disk stops the writer with DiskFull, naming the .part kept and what it holds', async (t) => {
	const {handle, written} = fillingHandle(2500);
	const seen: Buffer[] = [];
	const writer = partWriter(handle, 0, (chunk) => seen.push(Buffer.from(chunk)), {
		partPath: '/data/out.bin.part',
		label: 'the download of out.bin',
	});
	const source = Readable.from([
		Buffer.alloc(1000, 1),
		Buffer.alloc(1000, 2),
		Buffer.alloc(1000, 3),
	]);
	const error = await t.throwsAsync(pipeline(source, writer), {instanceOf: DiskFull});
	t.regex(
		error.message,
		/disk is full: the download of out\.bin stopped after 2500 bytes.*\/data\/out\.bin\.part/,
	);
	await writer.settled();
	t.is(writer.position(), 2500);
	t.deepEqual(
		Buffer.concat(seen),
		Buffer.concat(written),
		'the hashes saw exactly what is on disk',
	);
});

test('a download target keeps a leading ./ out of the name and adds .part for the bytes in flight', (t) => {
	const target = downloadTarget('/jobs/1-jdoe', './results/out.zip');
	t.is(target.path, '/jobs/1-jdoe/results/out.zip');
	t.is(target.partPath, '/jobs/1-jdoe/results/out.zip.part');
	t.deepEqual(target.segments, ['results', 'out.zip']);
});

test('write-back flushes once per 64 MiB written, one flush at a time, and settles after the last', async (t) => {
	const mebibyte = 1024 * 1024;
	const flushes: Array<() => void> = [];
	const handle = {
		datasync: async () =>
			new Promise<void>((resolve) => {
				flushes.push(resolve);
			}),
	};
	const writeBack = progressiveWriteBack(handle);
	writeBack.written(63 * mebibyte);
	t.is(flushes.length, 0);
	writeBack.written(64 * mebibyte);
	t.is(flushes.length, 1);
	writeBack.written(200 * mebibyte); // the first is still running: no second one yet
	t.is(flushes.length, 1);
	let settled = false;
	const waiting = writeBack.settled().then(() => (settled = true));
	await new Promise((resolve) => setImmediate(resolve));
	t.false(settled);
	flushes[0]!();
	await waiting;
	writeBack.written(200 * mebibyte);
	t.is(flushes.length, 2, 'after the first flush, 136 MiB more are dirty');
	flushes[1]!();
	await writeBack.settled();
});
