import {createHash} from 'node:crypto';
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {open, type FileHandle} from 'node:fs/promises';
import {Transform} from 'node:stream';
import type {ManifestKind, SegmentRef} from '../store.js';

/**
 * One object is one file: the body, then a JSON trailer with its metadata, then the trailer's
 * length as ten ASCII digits. A trailer (not a header) lets a body of any size stream straight
 * to disk while its MD5 is computed, and the whole file is renamed into place at once.
 */
export type ObjectTrailer = {
	contentType: string;
	etag: string;
	metadata: Record<string, string>;
	manifest: ManifestKind;
	segments?: SegmentRef[];
};

const lengthDigits = 10;

export function encodeTrailer(trailer: ObjectTrailer): Buffer {
	const json = Buffer.from(JSON.stringify(trailer), 'utf8');
	return Buffer.concat([json, Buffer.from(String(json.length).padStart(lengthDigits, '0'))]);
}

export type StoredObject = {trailer: ObjectTrailer; bodyBytes: number; mtime: Date};

// Most trailers are a few hundred bytes: one read of this many from the end usually holds it all.
const firstTailBytes = 1024;

/** How many bytes at the end of a `size`-byte file the trailer and its length take. */
function trailerSpan(tail: Buffer, size: number): number {
	const digits = tail.toString('ascii', Math.max(0, tail.length - lengthDigits));
	const span = lengthDigits + Number(digits);
	if (digits.length !== lengthDigits || !Number.isInteger(span) || span > size)
		throw new Error('Not an object file: the length of its trailer is unreadable');
	return span;
}

/** The object in a file of `size` bytes whose last bytes, `tail`, hold its whole trailer. */
function parseTail(tail: Buffer, size: number, mtime: Date): StoredObject {
	const span = trailerSpan(tail, size);
	const json = tail.toString('utf8', tail.length - span, tail.length - lengthDigits);
	return {trailer: JSON.parse(json) as ObjectTrailer, bodyBytes: size - span, mtime};
}

async function readLast(file: FileHandle, bytes: number, size: number): Promise<Buffer> {
	const buffer = Buffer.alloc(bytes);
	await file.read(buffer, 0, bytes, size - bytes);
	return buffer;
}

export async function readTrailer(file: FileHandle): Promise<StoredObject> {
	const {size, mtime} = await file.stat();
	let tail = await readLast(file, Math.min(size, firstTailBytes), size);
	const span = trailerSpan(tail, size);
	if (span > tail.length) tail = await readLast(file, span, size);
	return parseTail(tail, size, mtime);
}

export async function readObjectFile(path: string): Promise<StoredObject> {
	const file = await open(path, 'r');
	try {
		return await readTrailer(file);
	} finally {
		await file.close();
	}
}

function readLastSync(fd: number, bytes: number, size: number): Buffer {
	const buffer = Buffer.alloc(bytes);
	readSync(fd, buffer, 0, bytes, size - bytes);
	return buffer;
}

/**
 * `readObjectFile` without the promise API: a listing reads thousands of trailers, and a sync
 * call is ~15 µs where an awaited one is ~0.3 ms. Callers must hand the event loop turns.
 */
export function readObjectFileSync(path: string): StoredObject {
	const fd = openSync(path, 'r');
	try {
		const {size, mtime} = fstatSync(fd);
		let tail = readLastSync(fd, Math.min(size, firstTailBytes), size);
		const span = trailerSpan(tail, size);
		if (span > tail.length) tail = readLastSync(fd, span, size);
		return parseTail(tail, size, mtime);
	} finally {
		closeSync(fd);
	}
}

export type SealingStream = Transform & {etag(): string};

/** Passes the body through, hashing it, and appends the trailer once the body has ended. */
export function sealWithTrailer(makeTrailer: (etag: string) => ObjectTrailer): SealingStream {
	const md5 = createHash('md5');
	let etag: string | undefined;
	const stream = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			md5.update(chunk);
			callback(null, chunk);
		},
		flush(callback) {
			etag = md5.digest('hex');
			callback(null, encodeTrailer(makeTrailer(etag)));
		},
	});
	return Object.assign(stream, {
		etag() {
			if (etag === undefined) throw new Error('The body has not ended yet');
			return etag;
		},
	});
}
