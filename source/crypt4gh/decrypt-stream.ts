import {createHash} from 'node:crypto';
import {Transform} from 'node:stream';
import {EditListCursor} from './edit-list.js';
import {InvalidFormat} from './errors.js';
import {scanEnvelope} from './header-envelope.js';
import {openHeader, type OpenedHeader} from './header.js';
import type {KeyPair} from './private-key.js';
import {SegmentOpener} from './segment-opener.js';

export type DecryptOptions = {
	keys: KeyPair[];
	/** The file, as messages name it. */
	source: string;
	/** Accept only header packets written by this key (the reference's `--sender_pk`). */
	expectedSender?: Uint8Array;
	/** Recipients known from elsewhere, named when the file is not for you. */
	knownRecipients?: Uint8Array[];
	sha256?: boolean;
};

export type DecryptStream = Transform & {
	/** The opened header, once read. */
	header(): OpenedHeader | undefined;
	/** Plaintext bytes given out so far (after the edit list). */
	plainBytes(): number;
	/** SHA-256 of the plaintext written out (after the edit list), once ended, when asked for. */
	plainSha256(): string | undefined;
};

/**
 * A whole Crypt4GH file in, verified plaintext out: reads the header (however the input is cut),
 * opens it with `keys`, then the segments, then applies the edit list if the header has one.
 */
export function createDecryptStream(options: DecryptOptions): DecryptStream {
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	let needBytes = 16;
	let opened: OpenedHeader | undefined;
	let opener: SegmentOpener | undefined;
	let edits: EditListCursor | undefined;
	const sha = options.sha256 ? createHash('sha256') : undefined;
	let digest: string | undefined;
	let plainBytes = 0;

	function emit(stream: Transform, pieces: Buffer[]): void {
		for (const piece of pieces) {
			const kept: Buffer[] = [];
			if (edits) edits.keep(piece, kept);
			else kept.push(piece);
			for (const part of kept) {
				if (part.length === 0) continue;
				sha?.update(part);
				plainBytes += part.length;
				stream.push(part);
			}
		}
	}

	function readHeader(chunk: Buffer): Buffer | undefined {
		pending.push(chunk);
		pendingBytes += chunk.length;
		if (pendingBytes < needBytes) return undefined;
		const prefix = Buffer.concat(pending);
		pending = [prefix];
		const scanned = scanEnvelope(prefix, options.source);
		if ('needBytes' in scanned) {
			needBytes = scanned.needBytes;
			return undefined;
		}
		opened = openHeader(scanned.envelope, options.keys, options);
		opener = new SegmentOpener({
			sessionKeys: opened.sessionKeys,
			headerLength: opened.length,
			source: options.source,
		});
		if (opened.editList) edits = new EditListCursor(opened.editList);
		pending = [];
		return prefix.subarray(opened.length);
	}

	const stream = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			try {
				const body = opener ? chunk : readHeader(chunk);
				if (body && opener && !edits?.finished()) {
					const out: Buffer[] = [];
					opener.write(body, out);
					emit(this, out);
				}
				callback();
			} catch (error) {
				callback(error as Error);
			}
		},
		flush(callback) {
			try {
				if (!opener) {
					if (pendingBytes > 0) scanEnvelope(Buffer.concat(pending), options.source);
					throw new InvalidFormat(
						pendingBytes === 0
							? `${options.source} is empty, not a Crypt4GH file`
							: `${options.source} ends inside its Crypt4GH header: it was cut short`,
					);
				}
				const out: Buffer[] = [];
				if (!edits?.finished()) opener.end(out);
				emit(this, out);
				digest = sha?.digest('hex');
				callback();
			} catch (error) {
				callback(error as Error);
			}
		},
	});
	return Object.assign(stream, {
		header: () => opened,
		plainBytes: () => plainBytes,
		plainSha256: () => digest,
	});
}
