import {
	createCipheriv,
	createHash,
	randomBytes,
	type CipherChaCha20Poly1305,
	type Hash,
} from 'node:crypto';
import {Transform} from 'node:stream';
import {nonceLength, segmentSize, tagLength} from './segment-offsets.js';

/** Nonces are drawn this many at a time (one call per 4 MiB sealed). */
const noncesPerDraw = 64;

/** The length of a nonce seed (`SealOptions.nonceSeed`): a ChaCha20 key. */
export const nonceSeedLength = 32;

export type SealOptions = {
	/** The header, sent before the first segment. */
	prefix?: Buffer;
	sha256?: boolean;
	/**
	 * Where the nonces come from: without a seed, the system's generator; with one, the ChaCha20
	 * keystream of the seed (as random as the seed, drawn from the system's generator; a seed
	 * seals only its own range of the file, again only to check it). A seed makes sealing the
	 * same plaintext again give the same bytes, so an upload that keeps the seed can check a
	 * stored piece against the file without hashing the plaintext as it sends it.
	 */
	nonceSeed?: Buffer;
};

type NonceSource = (bytes: number) => Buffer;

function nonceSource(seed: Buffer | undefined): NonceSource {
	if (!seed) return (bytes) => randomBytes(bytes);
	if (seed.length !== nonceSeedLength) throw new RangeError('a nonce seed is 32 bytes');
	const keystream = createCipheriv('chacha20', seed, Buffer.alloc(16));
	return (bytes) => keystream.update(Buffer.alloc(bytes));
}

/**
 * Seals plaintext into Crypt4GH data segments: every 64 KiB gets a fresh nonce and its own
 * ChaCha20-Poly1305 tag. Each piece of input is encrypted as it arrives (the cipher runs within a
 * segment), so nothing is copied into a segment buffer and memory stays flat. The last segment is
 * short; an input of a whole number of segments ends without an empty one, as the reference does.
 */
export class SegmentSealer {
	private cipher: CipherChaCha20Poly1305 | undefined;
	private inSegment = 0;
	private nonces: Buffer = Buffer.alloc(0);
	private readonly hash: Hash | undefined;
	private readonly drawNonces: NonceSource;
	plainBytes = 0;

	constructor(
		private readonly sessionKey: Buffer,
		options: SealOptions = {},
	) {
		this.hash = options.sha256 ? createHash('sha256') : undefined;
		this.drawNonces = nonceSource(options.nonceSeed);
	}

	write(chunk: Buffer, out: Buffer[]): void {
		this.hash?.update(chunk);
		this.plainBytes += chunk.length;
		let offset = 0;
		while (offset < chunk.length) {
			if (!this.cipher) this.startSegment(out);
			const take = Math.min(segmentSize - this.inSegment, chunk.length - offset);
			out.push(this.cipher!.update(chunk.subarray(offset, offset + take)));
			offset += take;
			this.inSegment += take;
			if (this.inSegment === segmentSize) this.endSegment(out);
		}
	}

	end(out: Buffer[]): void {
		if (this.cipher) this.endSegment(out);
	}

	/** SHA-256 of all the plaintext sealed, once ended (when asked for). */
	plainSha256(): string | undefined {
		return this.hash?.copy().digest('hex');
	}

	private startSegment(out: Buffer[]): void {
		if (this.nonces.length === 0) this.nonces = this.drawNonces(nonceLength * noncesPerDraw);
		const nonce = this.nonces.subarray(0, nonceLength);
		this.nonces = this.nonces.subarray(nonceLength);
		this.cipher = createCipheriv('chacha20-poly1305', this.sessionKey, nonce, {
			authTagLength: tagLength,
		});
		out.push(Buffer.from(nonce));
	}

	private endSegment(out: Buffer[]): void {
		const cipher = this.cipher!;
		out.push(cipher.final(), cipher.getAuthTag());
		this.cipher = undefined;
		this.inSegment = 0;
	}
}

export type SealStream = Transform & {sealer: SegmentSealer};

/**
 * A stream of plaintext in, sealed segments out (after `prefix`, the header, when given). Starting
 * at any segment boundary of the plaintext gives that part of the data portion, since segments are
 * independent: the transfer layer can seal the pieces of a parallel upload separately.
 */
export function createSealStream(sessionKey: Buffer, options: SealOptions = {}): SealStream {
	const sealer = new SegmentSealer(sessionKey, options);
	let prefix = options.prefix;
	const pushAll = (stream: Transform, out: Buffer[]) => {
		if (prefix) out.unshift(prefix);
		prefix = undefined;
		// One buffer per piece of input: nonces and tags are tiny, each push costs a write.
		const joined = out.length === 1 ? out[0]! : Buffer.concat(out);
		if (joined.length > 0) stream.push(joined);
	};
	const stream = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			const out: Buffer[] = [];
			sealer.write(chunk, out);
			pushAll(this, out);
			callback();
		},
		flush(callback) {
			const out: Buffer[] = [];
			sealer.end(out);
			pushAll(this, out);
			callback();
		},
	});
	return Object.assign(stream, {sealer});
}
