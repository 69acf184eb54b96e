import {maxKeyBytes, utf8Length} from '../protocol/names.js';

/**
 * Anything larger than one segment goes up in segments, so a rerun after a kill, a cut or a
 * reboot sends only the segments the store lacks. 64 MiB: each segment costs one PUT (and one
 * HEAD on a rerun) and one manifest line, a few milliseconds on loopback and a round trip or two
 * over a WAN, against about 0.5 s of sending at 1 Gbit/s, so the cost per segment stays a few
 * percent while a kill loses at most `parallel` × 64 MiB; memory does not grow with the segment
 * (each is streamed in 1 MiB reads). Swift's 1000 segments then reach 62.5 GiB; larger files
 * get larger segments (`chooseSegmentSize`).
 */
export const defaultSegmentSize = 64 * 1024 ** 2;
export const defaultSegmentThreshold = defaultSegmentSize;
export const defaultParallel = 4;

/** Swift's default `max_manifest_segments`: a static large object holds at most this many. */
export const maxSegments = 1000;

/** Swift refuses a single object (and so a segment) above 5 GiB. */
export const maxSegmentBytes = 5 * 1024 ** 3;

export type Segment = {
	/** 0-based, as in the key. */
	index: number;
	key: string;
	/** First byte in the object. */
	start: number;
	/** Bytes of the object this segment holds. */
	bytes: number;
	/** The range of the local file they are made from (the same range when sent as it is). */
	plain: {start: number; bytes: number};
};

/**
 * How an encoding (Crypt4GH) lays the object out from the file: `prefixBytes` first (a header),
 * then each block of `blockBytes` of the file grows by `blockOverhead` (nonce and tag). Segments
 * then hold whole blocks, so no block is ever made from two runs of a resumed upload.
 */
export type Framing = {prefixBytes: number; blockBytes: number; blockOverhead: number};

/** Bytes of the object made from `plainBytes` of the file, under `framing` (none: as they are). */
export function framedBytes(plainBytes: number, framing?: Framing, first = true): number {
	if (!framing) return plainBytes;
	const blocks = Math.ceil(plainBytes / framing.blockBytes);
	return (first ? framing.prefixBytes : 0) + plainBytes + blocks * framing.blockOverhead;
}

/**
 * The file's modification time as python-swiftclient writes it in segment keys and in
 * `X-Object-Meta-Mtime`: seconds with six decimals (`"%f" % os.path.getmtime(path)`).
 */
export function swiftMtime(mtimeNs: bigint): string {
	const seconds = mtimeNs / 1_000_000_000n;
	const micros = (mtimeNs % 1_000_000_000n) / 1000n;
	return `${seconds}.${String(micros).padStart(6, '0')}`;
}

/**
 * The segments of a static large object, named as python-swiftclient names them
 * (`<key>/slo/<mtime>/<size>/<segment size>/<8-digit index>`), so a file changed since (other
 * mtime or size) never reuses the segments of an earlier upload.
 */
export function segmentLayout(
	key: string,
	mtime: string,
	size: number,
	askedSegmentSize: number,
	framing?: Framing,
): Segment[] {
	if (
		!Number.isSafeInteger(askedSegmentSize) ||
		askedSegmentSize < 1 ||
		askedSegmentSize > maxSegmentBytes
	) {
		throw new RangeError(
			`The segment size must be a whole number of bytes from 1 to ${maxSegmentBytes}`,
		);
	}
	// Under a framing, the segment size counts bytes of the file, cut at whole blocks.
	const block = framing?.blockBytes ?? 1;
	const segmentSize = Math.max(block, askedSegmentSize - (askedSegmentSize % block));
	const count = Math.max(1, Math.ceil(size / segmentSize));
	if (count > maxSegments) {
		throw new RangeError(
			`${size} bytes in segments of ${segmentSize} makes ${count} segments; Swift takes at most ` +
				`${maxSegments}: use segments of at least ${Math.ceil(size / maxSegments)} bytes`,
		);
	}
	const objectBytes = framedBytes(size, framing);
	const prefix = `${key}/slo/${mtime}/${objectBytes}/${segmentSize}/`;
	if (utf8Length(prefix) + 8 > maxKeyBytes) {
		throw new RangeError(
			`The object name is too long for a segmented upload: its segment names would pass ` +
				`Swift's ${maxKeyBytes}-byte limit`,
		);
	}
	let start = 0;
	return Array.from({length: count}, (_, index) => {
		const plain = {
			start: index * segmentSize,
			bytes: Math.min(segmentSize, size - index * segmentSize),
		};
		const bytes = framedBytes(plain.bytes, framing, index === 0);
		const segment = {index, key: prefix + String(index).padStart(8, '0'), start, bytes, plain};
		start += bytes;
		return segment;
	});
}

/** The segment size to use: the one asked for, or the default grown to fit Swift's segment limit. */
export function chooseSegmentSize(
	size: number,
	asked: number | undefined,
	fallback: number,
): number {
	if (asked !== undefined) return asked;
	return Math.max(fallback, Math.ceil(size / maxSegments));
}
