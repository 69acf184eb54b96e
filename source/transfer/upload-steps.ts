import {type BigIntStats} from 'node:fs';
import {stat} from 'node:fs/promises';
import {StorageError} from '../storage/errors/index.js';
import type {ObjectRef, ObjectStore} from '../storage/store.js';
import {FileChanged, TransferError, TransferFailed} from './errors/index.js';
import type {ProgressMeter} from './progress-meter.js';
import {segmentBody, type BodyDigests} from './segment-body.js';
import {swiftMtime, type Segment} from './segment-layout.js';
import type {SegmentEncoder} from './upload-encoding.js';
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
	/** What goes with every object: the file's mtime and the caller's metadata. */
	metadata: Record<string, string>;
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

/**
 * Sends one segment (or a whole small file) in one PUT, from a fresh read at every attempt, its
 * MD5 taken as the bytes go out and held against the ETag Swift answers: the PUT starts at once,
 * and what is stored is still known to be what was sent.
 */
export async function putSegment(
	upload: Upload,
	encoder: SegmentEncoder,
	target: ObjectRef,
	segment: Segment,
	extra: {metadata?: Record<string, string>; contentType?: string; sha256?: boolean},
	onPlainBytes: (read: number) => void,
	signal?: AbortSignal,
): Promise<BodyDigests & {etag: string}> {
	const {store, options} = upload;
	return withRetries(
		async () => {
			const made = segmentBody(upload.file.path, segment, encoder, {
				sha256: extra.sha256,
				onPlainBytes,
			});
			// Sent as a plain buffer when empty: some servers want a body they can measure.
			const body = segment.bytes === 0 ? new Uint8Array(0) : made.body;
			try {
				const {etag} = await store.put(target, body, {
					contentLength: segment.bytes,
					contentType: extra.contentType,
					metadata: extra.metadata,
					signal,
				});
				const digests = made.digests();
				if (etag && etag.toLowerCase() !== digests.md5) {
					throw new TransferFailed(
						`${target.key} was stored with MD5 ${etag}, but the ${segment.bytes} bytes sent ` +
							`have MD5 ${digests.md5}: the bytes were changed on the way`,
						{path: upload.file.path, ...target},
					);
				}
				return {...digests, etag: etag || digests.md5};
			} finally {
				made.body.destroy();
			}
		},
		{signal, retry: options.retry},
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
