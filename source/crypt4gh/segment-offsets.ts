/**
 * The data portion's fixed geometry, and the arithmetic a resumed or ranged transfer needs:
 * every plaintext segment of 64 KiB becomes nonce (12) + ciphertext + tag (16), so segment `i`
 * starts at `headerLength + i * cipherSegmentSize` whatever came before it.
 */

export const segmentSize = 65_536;
export const nonceLength = 12;
export const tagLength = 16;
/** Bytes a sealed segment adds to its plaintext. */
export const segmentOverhead = nonceLength + tagLength;
export const cipherSegmentSize = segmentSize + segmentOverhead;

/** Size of the encrypted file for `plainSize` bytes of plaintext (no empty final segment). */
export function encryptedSize(headerLength: number, plainSize: number): number {
	checkCount('plainSize', plainSize);
	const full = Math.floor(plainSize / segmentSize);
	const rest = plainSize % segmentSize;
	return headerLength + full * cipherSegmentSize + (rest > 0 ? rest + segmentOverhead : 0);
}

/**
 * Plaintext size of an encrypted file of `fileSize` bytes, or undefined when no valid file has
 * that size (a last segment of 28 bytes or less, or a file shorter than its header).
 */
export function plainSizeOf(headerLength: number, fileSize: number): number | undefined {
	const body = fileSize - headerLength;
	if (body < 0) return undefined;
	const full = Math.floor(body / cipherSegmentSize);
	const rest = body % cipherSegmentSize;
	if (rest === 0) return full * segmentSize;
	if (rest <= segmentOverhead) return undefined;
	return full * segmentSize + rest - segmentOverhead;
}

/** Where a resume at `plainOffset` must start: the segment holding it, both offsets of its start. */
export function resumePoint(
	headerLength: number,
	plainOffset: number,
): {segment: number; plainOffset: number; cipherOffset: number} {
	checkCount('plainOffset', plainOffset);
	const segment = Math.floor(plainOffset / segmentSize);
	return {
		segment,
		plainOffset: segment * segmentSize,
		cipherOffset: headerLength + segment * cipherSegmentSize,
	};
}

/** The segment a byte of the encrypted file belongs to (undefined inside the header). */
export function segmentOfCipherOffset(
	headerLength: number,
	cipherOffset: number,
): number | undefined {
	checkCount('cipherOffset', cipherOffset);
	if (cipherOffset < headerLength) return undefined;
	return Math.floor((cipherOffset - headerLength) / cipherSegmentSize);
}

/** First and last byte (inclusive) of segment `index` in the encrypted file and in the plaintext. */
export function segmentRanges(
	headerLength: number,
	index: number,
	cipherLength: number,
): {cipher: [number, number]; plain: [number, number]} {
	const cipherStart = headerLength + index * cipherSegmentSize;
	const plainStart = index * segmentSize;
	return {
		cipher: [cipherStart, cipherStart + cipherLength - 1],
		plain: [plainStart, plainStart + Math.max(cipherLength - segmentOverhead, 0) - 1],
	};
}

function checkCount(name: string, value: number): void {
	if (!Number.isSafeInteger(value) || value < 0) {
		throw new RangeError(`${name} must be a whole number of bytes, not ${value}`);
	}
}
