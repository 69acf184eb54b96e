import {createHash, type Hash} from 'node:crypto';
import {createReadStream} from 'node:fs';
import type {FileHandle} from 'node:fs/promises';

/** Bytes read from disk at once: the read buffer is the only memory the hashing pass holds. */
export const readChunkBytes = 1024 * 1024;

export type FileDigest = {
	sha256: string;
	/** Hex MD5 of each part of the file cut at `partBytes` (one part when not cut). */
	partMd5: string[];
	bytes: number;
};

export type DigestOptions = {
	/** Cut the file in parts of this size for `partMd5`; default: one part. */
	partBytes?: number;
	/** Start reading at this byte (the hashes then cover the rest only). */
	start?: number;
	onBytes?: (bytes: number) => void;
	signal?: AbortSignal;
};

/**
 * One sequential pass over a file: its SHA-256 and the MD5 of each segment, so every segment's
 * MD5 is known before it is sent (Swift checks it) and the SHA-256 before the manifest is written.
 */
export async function digestFile(
	source: string | FileHandle,
	options: DigestOptions = {},
): Promise<FileDigest> {
	const partBytes = options.partBytes ?? Number.POSITIVE_INFINITY;
	const sha256 = createHash('sha256');
	const partMd5: string[] = [];
	let md5: Hash = createHash('md5');
	let inPart = 0;
	let bytes = 0;
	const streamOptions = {start: options.start ?? 0, highWaterMark: readChunkBytes};
	// An open handle (opened without following links) is read and left open.
	const stream =
		typeof source === 'string'
			? createReadStream(source, {...streamOptions, signal: options.signal})
			: source.createReadStream({...streamOptions, autoClose: false});
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		options.signal?.throwIfAborted();
		sha256.update(chunk);
		let offset = 0;
		while (offset < chunk.length) {
			const take = Math.min(chunk.length - offset, partBytes - inPart);
			md5.update(chunk.subarray(offset, offset + take));
			offset += take;
			inPart += take;
			if (inPart === partBytes) {
				partMd5.push(md5.digest('hex'));
				md5 = createHash('md5');
				inPart = 0;
			}
		}
		bytes += chunk.length;
		options.onBytes?.(chunk.length);
	}
	if (inPart > 0 || partMd5.length === 0) partMd5.push(md5.digest('hex'));
	return {sha256: sha256.digest('hex'), partMd5, bytes};
}
