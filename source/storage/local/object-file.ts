import {createHash} from 'node:crypto';
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
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

export type StoredObject = {
	trailer: ObjectTrailer;
	bodyBytes: number;
	mtime: Date;
	mtimeMs: number;
};

/** An object's Last-Modified: its file's mtime, to the millisecond (rounded, as Node's Stats). */
export function lastModifiedOf(mtimeMs: number): string {
	return new Date(Math.round(mtimeMs)).toISOString();
}

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
function parseTail(tail: Buffer, size: number, mtimeMs: number): StoredObject {
	const span = trailerSpan(tail, size);
	const json = tail.toString('utf8', tail.length - span, tail.length - lengthDigits);
	const trailer = JSON.parse(json) as ObjectTrailer;
	return {trailer, bodyBytes: size - span, mtime: new Date(Math.round(mtimeMs)), mtimeMs};
}

function readAt(fd: number, bytes: number, position: number): Buffer {
	const buffer = Buffer.alloc(bytes);
	let done = 0;
	while (done < bytes) {
		const read = readSync(fd, buffer, done, bytes - done, position + done);
		if (read === 0) throw new Error('Not an object file: it ended early');
		done += read;
	}
	return buffer;
}

/** A stored object, and its body too when the file was small enough to read at once. */
export type ReadObject = StoredObject & {content?: Buffer};

/**
 * The object in the file at `path`: its trailer, and with `wholeUpTo`, the body of a file of at
 * most that many bytes (one read instead of a second open for a stream). Sync: a listing or an
 * overview reads thousands of small files, a sync call is ~15 µs where an awaited one costs a
 * trip through the thread pool (~0.3 ms). Callers hand the event loop turns.
 */
export function readObjectFileSync(path: string, wholeUpTo = 0): ReadObject {
	const fd = openSync(path, 'r');
	try {
		const {size, mtimeMs} = fstatSync(fd);
		if (size <= wholeUpTo) {
			const whole = readAt(fd, size, 0);
			const stored = parseTail(whole, size, mtimeMs);
			return {...stored, content: whole.subarray(0, stored.bodyBytes)};
		}
		let tail = readAt(fd, Math.min(size, firstTailBytes), size - Math.min(size, firstTailBytes));
		const span = trailerSpan(tail, size);
		if (span > tail.length) tail = readAt(fd, span, size - span);
		return parseTail(tail, size, mtimeMs);
	} finally {
		closeSync(fd);
	}
}

export type SealingStream = Transform & {
	etag(): string;
	trailer(): ObjectTrailer;
	bodyBytes(): number;
};

/** Passes the body through, hashing and counting it, and appends the trailer once it has ended. */
export function sealWithTrailer(makeTrailer: (etag: string) => ObjectTrailer): SealingStream {
	const md5 = createHash('md5');
	let sealed: ObjectTrailer | undefined;
	let bytes = 0;
	const stream = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			md5.update(chunk);
			bytes += chunk.length;
			callback(null, chunk);
		},
		flush(callback) {
			sealed = makeTrailer(md5.digest('hex'));
			callback(null, encodeTrailer(sealed));
		},
	});
	const trailer = () => {
		if (sealed === undefined) throw new Error('The body has not ended yet');
		return sealed;
	};
	return Object.assign(stream, {etag: () => trailer().etag, trailer, bodyBytes: () => bytes});
}
