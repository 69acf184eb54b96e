import type {FileHandle} from 'node:fs/promises';
import {Transform} from 'node:stream';
import {Unavailable} from '../storage/errors/index.js';
import type {ObjectRef} from '../storage/store.js';

export type CipherTee = Transform & {
	/** Ciphertext bytes in the kept copy (its next write position), when there is one. */
	position(): number;
	/** Resolves once no write to the kept copy is under way. */
	settled(): Promise<void>;
};

/**
 * What a decrypting download's GET passes through before the segments are opened: it counts the
 * bytes for the progress, writes them to the kept `.c4gh` copy first when there is one (so the
 * copy holds exactly the bytes that are then authenticated), and fails as a dropped connection,
 * which is retried, when the body ends before `expected` bytes: handed on, a short last piece
 * would look like a tampered segment.
 */
export function cipherTee(options: {
	ref: ObjectRef;
	expected: number;
	onBytes: (bytes: number) => void;
	copy?: {handle: FileHandle; position: number};
}): CipherTee {
	const {ref, expected, copy} = options;
	let received = 0;
	let position = copy?.position ?? 0;
	let pending: Promise<unknown> = Promise.resolve();

	async function writeCopy(chunk: Buffer): Promise<void> {
		if (!copy) return;
		let offset = 0;
		while (offset < chunk.length) {
			const {bytesWritten} = await copy.handle.write(
				chunk,
				offset,
				chunk.length - offset,
				position,
			);
			if (bytesWritten === 0) throw new Error('Nothing could be written to the kept .c4gh copy');
			offset += bytesWritten;
			position += bytesWritten;
		}
	}

	const stream = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			received += chunk.length;
			options.onBytes(chunk.length);
			const writing = writeCopy(chunk);
			pending = writing.catch(() => undefined);
			writing.then(() => callback(null, chunk), callback);
		},
		flush(callback) {
			if (received < expected) {
				callback(
					new Unavailable(`The connection ended after ${received} of ${expected} bytes`, ref),
				);
				return;
			}
			callback();
		},
	});
	return Object.assign(stream, {
		position: () => position,
		settled: async () => {
			await pending;
		},
	});
}
