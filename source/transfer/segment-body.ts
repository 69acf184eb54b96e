import {createHash, type Hash} from 'node:crypto';
import {createReadStream} from 'node:fs';
import {pipeline, Readable, Transform} from 'node:stream';
import {readChunkBytes} from './file-digest.js';
import type {Segment} from './segment-layout.js';
import type {SegmentEncoder} from './upload-encoding.js';

export type BodyDigests = {
	/** Hex MD5 of the bytes sent: what Swift's ETag must be. */
	md5: string;
	/** Hex MD5 of the file's range they were made from (the same when sent as they are). */
	plainMd5: string;
	/** Hex SHA-256 of that range, when asked for. */
	sha256?: string;
};

export type SegmentBody = {body: Readable; digests(): BodyDigests};

/** A stream that hashes what passes through it into `hashes` and counts it. */
function tap(hashes: Hash[], onBytes?: (total: number) => void): Transform {
	let total = 0;
	return new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			for (const hash of hashes) hash.update(chunk);
			total += chunk.length;
			onBytes?.(total);
			callback(null, chunk);
		},
	});
}

/**
 * The bytes of one segment, made fresh for every attempt: its range of the file read once,
 * hashed as it goes by (so nothing waits for a hashing pass), encoded when the upload encodes,
 * and hashed again as sent. `onPlainBytes` hears the running count of the file's bytes read.
 */
export function segmentBody(
	path: string,
	segment: Segment,
	encoder: SegmentEncoder,
	options: {sha256?: boolean; onPlainBytes?: (read: number) => void},
): SegmentBody {
	const {plain} = segment;
	const plainMd5 = createHash('md5');
	const sha256 = options.sha256 ? createHash('sha256') : undefined;
	const source =
		plain.bytes === 0
			? Readable.from([])
			: createReadStream(path, {
					start: plain.start,
					end: plain.start + plain.bytes - 1,
					highWaterMark: readChunkBytes,
				});
	const encode = encoder.encode?.(segment);
	const plainTap = tap(sha256 ? [plainMd5, sha256] : [plainMd5], options.onPlainBytes);
	const sentMd5 = encode ? createHash('md5') : plainMd5;
	const stages = encode ? [source, plainTap, encode, tap([sentMd5])] : [source, plainTap];
	// Errors anywhere destroy every stage; the PUT sees its body fail.
	const body = pipeline(stages, () => undefined) as unknown as Readable;
	let digests: BodyDigests | undefined;
	return {
		body,
		digests() {
			if (!digests) {
				const md5 = sentMd5.digest('hex');
				const fromFile = encode ? plainMd5.digest('hex') : md5;
				digests = {md5, plainMd5: fromFile, sha256: sha256?.digest('hex')};
			}
			return digests;
		},
	};
}
