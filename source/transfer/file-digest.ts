import {createHash, type Hash} from 'node:crypto';
import {open, type FileHandle} from 'node:fs/promises';

/** Bytes read from disk at once. */
export const readChunkBytes = 1024 * 1024;

export type ChunkOptions = {start?: number; length?: number; signal?: AbortSignal};

/**
 * Reads an open file from `start` (to its end, or `length` bytes) through one buffer used again
 * for every read: a pass over tens of GB leaves no garbage behind. `onChunk` must not keep the
 * chunk. Resolves with the bytes read.
 */
export async function forEachChunk(
	handle: FileHandle,
	onChunk: (chunk: Buffer) => void,
	options: ChunkOptions = {},
): Promise<number> {
	const buffer = Buffer.allocUnsafe(readChunkBytes);
	const start = options.start ?? 0;
	let position = start;
	let left = options.length ?? Number.POSITIVE_INFINITY;
	while (left > 0) {
		options.signal?.throwIfAborted();
		const {bytesRead} = await handle.read(buffer, 0, Math.min(buffer.length, left), position);
		if (bytesRead === 0) break;
		onChunk(buffer.subarray(0, bytesRead));
		position += bytesRead;
		left -= bytesRead;
	}
	return position - start;
}

export type FileDigest = {
	sha256: string;
	/** Hex MD5 of each part of the file cut at `partBytes` (one part when not cut). */
	partMd5: string[];
	bytes: number;
};

export type DigestOptions = {
	/** Cut the file in parts of this size for `partMd5`; default: one part. */
	partBytes?: number;
	/** Which parts to take the MD5 of (default all; the others get ''). */
	hashPart?: (index: number) => boolean;
	/** Told as soon as each part hashed is done. */
	onPart?: (index: number, md5: string) => void;
	onBytes?: (bytes: number) => void;
	signal?: AbortSignal;
};

/**
 * One sequential pass over a file: its SHA-256 and the MD5 of each part (those asked for): an
 * upload runs it beside its segments for the SHA-256, and to check the ranges an earlier run
 * stored are still what the file holds.
 * An open handle (opened without following links) is read and left open.
 */
export async function digestFile(
	source: string | FileHandle,
	options: DigestOptions = {},
): Promise<FileDigest> {
	const partBytes = options.partBytes ?? Number.POSITIVE_INFINITY;
	const sha256 = createHash('sha256');
	const partMd5: string[] = [];
	const wanted = (index: number) =>
		(options.hashPart?.(index) ?? true) ? createHash('md5') : undefined;
	let md5: Hash | undefined = wanted(0);
	let inPart = 0;
	const finishPart = () => {
		const hex = md5?.digest('hex') ?? '';
		partMd5.push(hex);
		if (md5) options.onPart?.(partMd5.length - 1, hex);
		md5 = wanted(partMd5.length);
		inPart = 0;
	};
	const handle = typeof source === 'string' ? await open(source, 'r') : source;
	try {
		const bytes = await forEachChunk(
			handle,
			(chunk) => {
				sha256.update(chunk);
				let offset = 0;
				while (offset < chunk.length) {
					const take = Math.min(chunk.length - offset, partBytes - inPart);
					md5?.update(chunk.subarray(offset, offset + take));
					offset += take;
					inPart += take;
					if (inPart === partBytes) finishPart();
				}
				options.onBytes?.(chunk.length);
			},
			{signal: options.signal},
		);
		if (inPart > 0 || partMd5.length === 0) finishPart();
		return {sha256: sha256.digest('hex'), partMd5, bytes};
	} finally {
		if (typeof source === 'string') await handle.close();
	}
}
