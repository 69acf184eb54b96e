import {createHash} from 'node:crypto';
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

export async function readTrailer(file: FileHandle): Promise<StoredObject> {
	const {size, mtime} = await file.stat();
	const lengthBuffer = Buffer.alloc(lengthDigits);
	await file.read(lengthBuffer, 0, lengthDigits, size - lengthDigits);
	const trailerLength = Number(lengthBuffer.toString('ascii'));
	const trailerBuffer = Buffer.alloc(trailerLength);
	const bodyBytes = size - lengthDigits - trailerLength;
	await file.read(trailerBuffer, 0, trailerLength, bodyBytes);
	return {trailer: JSON.parse(trailerBuffer.toString('utf8')) as ObjectTrailer, bodyBytes, mtime};
}

export async function readObjectFile(path: string): Promise<StoredObject> {
	const file = await open(path, 'r');
	try {
		return await readTrailer(file);
	} finally {
		await file.close();
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
