import {createReadStream, type BigIntStats} from 'node:fs';
import {stat} from 'node:fs/promises';
import {Transform, type Readable} from 'node:stream';
import {StorageError} from '../storage/errors/index.js';
import type {ObjectRef, ObjectStore} from '../storage/store.js';
import {FileChanged, TransferError, TransferFailed} from './errors/index.js';
import {readChunkBytes} from './file-digest.js';
import type {ProgressMeter} from './progress-meter.js';
import {swiftMtime} from './segment-layout.js';
import {isTransient, withRetries} from './transfer-retry.js';
import type {UploadOptions} from './transfer.js';

/** The steps both ways of uploading share: the file as first seen, a range PUT, the errors. */

export type LocalFile = {path: string; size: number; mtime: string; stats: BigIntStats};

export type Upload = {
	store: ObjectStore;
	ref: ObjectRef;
	file: LocalFile;
	options: UploadOptions;
	meter: ProgressMeter;
	metadata: (sha256: string) => Record<string, string>;
};

export async function localFile(path: string): Promise<LocalFile> {
	let stats: BigIntStats;
	try {
		stats = await stat(path, {bigint: true});
	} catch (error) {
		throw new TransferError(`Cannot upload ${path}: ${(error as Error).message}`, {
			path,
			cause: error,
		});
	}
	if (!stats.isFile()) throw new TransferError(`Cannot upload ${path}: not a file`, {path});
	return {path, size: Number(stats.size), mtime: swiftMtime(stats.mtimeNs), stats};
}

/**
 * Refuses a file whose size or modification time moved since it was first looked at: a program
 * is still writing it (a pipeline's output, a copy in progress), and what was sent is not the file.
 */
export async function assertUnchanged(upload: Upload): Promise<void> {
	const {path, stats} = upload.file;
	const now = await stat(path, {bigint: true}).catch(() => undefined);
	if (now?.size !== stats.size || now.mtimeNs !== stats.mtimeNs) {
		const how =
			now === undefined
				? 'it is gone'
				: now.size === stats.size
					? 'it was modified'
					: `it was ${stats.size} bytes, now ${now.size}`;
		throw new FileChanged(
			`${path} changed while it was being uploaded (${how}): a program is still writing it. ` +
				'Wait until that program has finished, then run this again.',
			{path, ...upload.ref},
		);
	}
}

/** `bytes` of the file from `start`, telling `onBytes` the running count as it is read. */
function readRange(path: string, start: number, bytes: number, onBytes: (sent: number) => void) {
	const source = createReadStream(path, {
		start,
		end: start + bytes - 1,
		highWaterMark: readChunkBytes,
	});
	let sent = 0;
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			sent += chunk.length;
			onBytes(sent);
			callback(null, chunk);
		},
	});
	source.on('error', (error) => counter.destroy(error));
	counter.on('close', () => source.destroy());
	return source.pipe(counter);
}

/** Sends `bytes` of the file from `start` in one PUT, from a fresh stream at every attempt. */
export async function putRange(
	upload: Upload,
	target: ObjectRef,
	range: {start: number; bytes: number; md5: string},
	extra: {metadata?: Record<string, string>; contentType?: string; signal?: AbortSignal},
	onBytes: (sent: number) => void,
): Promise<string> {
	const {store, options} = upload;
	return withRetries(
		async () => {
			const body: Readable | Uint8Array =
				range.bytes === 0
					? new Uint8Array(0)
					: readRange(upload.file.path, range.start, range.bytes, onBytes);
			try {
				const {etag} = await store.put(target, body, {
					md5: range.md5,
					contentLength: range.bytes,
					contentType: extra.contentType,
					metadata: extra.metadata,
					signal: extra.signal,
				});
				return etag || range.md5;
			} finally {
				if (!(body instanceof Uint8Array)) body.destroy();
			}
		},
		{signal: extra.signal, retry: options.retry},
	);
}

/** After the retries: a clear error for a transient failure, a changed file for a 422. */
export async function explain(upload: Upload, error: unknown, what: string, next: string) {
	if (upload.options.signal?.aborted) return upload.options.signal.reason as unknown;
	// Swift saw other bytes than were hashed: a changed file is the likely reason.
	if (error instanceof StorageError && error.status === 422) await assertUnchanged(upload);
	if (isTransient(error)) {
		return new TransferFailed(`${what} failed: ${(error as Error).message}. ${next}`, {
			path: upload.file.path,
			...upload.ref,
			cause: error,
		});
	}
	return error;
}
