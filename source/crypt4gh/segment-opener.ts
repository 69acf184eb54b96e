import {createHash, type Hash} from 'node:crypto';
import {Transform} from 'node:stream';
import {open} from './aead.js';
import {TamperedSegment, TruncatedFile} from './errors.js';
import {cipherSegmentSize, segmentOverhead, segmentRanges} from './segment-offsets.js';

export type OpenerOptions = {
	sessionKeys: Buffer[];
	/** Where the data portion starts in the file (for the byte ranges in errors). */
	headerLength: number;
	/** The segment the input starts at: a resumed download starts at a segment boundary. */
	firstSegment?: number;
	/** The file, as error messages name it. */
	source: string;
	sha256?: boolean;
};

/**
 * Opens Crypt4GH data segments one at a time. A segment's plaintext is released only once its
 * tag checks out; one that does not names its byte range. Segments may be sealed with any of the
 * session keys (the spec allows several); the one that worked last is tried first.
 */
export class SegmentOpener {
	private readonly buffer = Buffer.alloc(cipherSegmentSize);
	private filled = 0;
	private segment: number;
	private readonly keys: Buffer[];
	private readonly hash: Hash | undefined;
	plainBytes = 0;

	constructor(private readonly options: OpenerOptions) {
		this.segment = options.firstSegment ?? 0;
		this.keys = [...options.sessionKeys];
		this.hash = options.sha256 ? createHash('sha256') : undefined;
	}

	write(chunk: Buffer, out: Buffer[]): void {
		let offset = 0;
		while (offset < chunk.length) {
			if (this.filled === 0 && chunk.length - offset >= cipherSegmentSize) {
				out.push(this.openSegment(chunk.subarray(offset, offset + cipherSegmentSize)));
				offset += cipherSegmentSize;
				continue;
			}
			const take = Math.min(cipherSegmentSize - this.filled, chunk.length - offset);
			chunk.copy(this.buffer, this.filled, offset, offset + take);
			this.filled += take;
			offset += take;
			if (this.filled === cipherSegmentSize) {
				out.push(this.openSegment(this.buffer));
				this.filled = 0;
			}
		}
	}

	end(out: Buffer[]): void {
		if (this.filled === 0) return;
		if (this.filled <= segmentOverhead) {
			const start = this.options.headerLength + this.segment * cipherSegmentSize;
			throw new TruncatedFile(
				`${this.options.source} ends ${this.filled} bytes into data segment ${this.segment} ` +
					`(from byte ${start}): it was cut short. Fetch it again`,
			);
		}
		out.push(this.openSegment(this.buffer.subarray(0, this.filled)));
		this.filled = 0;
	}

	/** The segment the next input byte belongs to. */
	nextSegment(): number {
		return this.segment;
	}

	plainSha256(): string | undefined {
		return this.hash?.copy().digest('hex');
	}

	private openSegment(sealed: Buffer): Buffer {
		for (const [index, key] of this.keys.entries()) {
			const plaintext = open(key, sealed);
			if (!plaintext) continue;
			if (index > 0) this.keys.unshift(...this.keys.splice(index, 1));
			this.segment += 1;
			this.plainBytes += plaintext.length;
			this.hash?.update(plaintext);
			return plaintext;
		}
		const ranges = segmentRanges(this.options.headerLength, this.segment, sealed.length);
		throw new TamperedSegment(this.options.source, this.segment, ranges.cipher, ranges.plain);
	}
}

export type OpenStream = Transform & {opener: SegmentOpener};

/** Sealed segments in (from a segment boundary), verified plaintext out. */
export function createOpenStream(options: OpenerOptions): OpenStream {
	const opener = new SegmentOpener(options);
	const stream = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			const out: Buffer[] = [];
			try {
				opener.write(chunk, out);
			} catch (error) {
				callback(error as Error);
				return;
			}
			for (const piece of out) this.push(piece);
			callback();
		},
		flush(callback) {
			const out: Buffer[] = [];
			try {
				opener.end(out);
			} catch (error) {
				callback(error as Error);
				return;
			}
			for (const piece of out) this.push(piece);
			callback();
		},
	});
	return Object.assign(stream, {opener});
}
