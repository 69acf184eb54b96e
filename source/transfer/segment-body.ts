import {createHash, type Hash} from 'node:crypto';
import {createReadStream} from 'node:fs';
import {pipeline, Readable, Transform} from 'node:stream';
import {readChunkBytes} from './file-digest.js';
import type {Segment} from './segment-layout.js';
import type {SegmentEncoder} from './upload-encoding.js';

export type BodyDigests = {
	/** Hex MD5 of the bytes sent: what Swift's ETag must be. */
	md5: string;
	/** Hex SHA-256 of the file's range they were made from, when asked for. */
	sha256?: string;
	/** What makes the range encode to these bytes again (`SegmentEncoder.encode`), when encoded. */
	stamp?: string;
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
 * encoded when the upload encodes (with `stamp` when given: an earlier piece made again), and
 * hashed as sent, so nothing waits for a hashing pass. `onPlainBytes` hears the running count of
 * the file's bytes read.
 */
export function segmentBody(
	path: string,
	segment: Segment,
	encoder: SegmentEncoder,
	options: {sha256?: boolean; stamp?: string; onPlainBytes?: (read: number) => void},
): SegmentBody {
	const {plain} = segment;
	const sentMd5 = createHash('md5');
	const sha256 = options.sha256 ? createHash('sha256') : undefined;
	const source =
		plain.bytes === 0
			? Readable.from([])
			: createReadStream(path, {
					start: plain.start,
					end: plain.start + plain.bytes - 1,
					highWaterMark: readChunkBytes,
				});
	const encoded = encoder.encode?.(segment, options.stamp);
	const stages = encoded
		? [source, tap(sha256 ? [sha256] : [], options.onPlainBytes), encoded.stream, tap([sentMd5])]
		: [source, tap(sha256 ? [sentMd5, sha256] : [sentMd5], options.onPlainBytes)];
	// Errors anywhere destroy every stage; the PUT sees its body fail.
	const body = pipeline(stages, () => undefined) as unknown as Readable;
	let digests: BodyDigests | undefined;
	return {
		body,
		digests() {
			digests ??= {
				md5: sentMd5.digest('hex'),
				sha256: sha256?.digest('hex'),
				stamp: encoded?.stamp,
			};
			return digests;
		},
	};
}

/** The MD5 of what the segment's range encodes to with `stamp`, made without sending it. */
export async function encodedMd5(
	path: string,
	segment: Segment,
	encoder: SegmentEncoder,
	stamp: string,
): Promise<string> {
	const made = segmentBody(path, segment, encoder, {stamp});
	for await (const chunk of made.body) void chunk;
	return made.digests().md5;
}
