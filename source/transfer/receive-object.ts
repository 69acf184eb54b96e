import type {Hash} from 'node:crypto';
import type {FileHandle} from 'node:fs/promises';
import {pipeline} from 'node:stream/promises';
import {Unavailable} from '../storage/errors/index.js';
import type {ObjectHead, ObjectRef, ObjectStore} from '../storage/store.js';
import {forEachChunk} from './file-digest.js';
import type {ProgressMeter} from './progress-meter.js';
import {partWriter, type DownloadTarget} from './safe-file.js';
import {withRetries} from './transfer-retry.js';
import type {DownloadOptions} from './transfer.js';

/** The bytes of a download: the `.part` left by an earlier run, then the GET that continues it. */
export type Receiving = {
	store: ObjectStore;
	ref: ObjectRef;
	target: DownloadTarget;
	options: DownloadOptions;
};

/** Hashes what an earlier run left in the `.part` file, so the new bytes only need appending. */
export async function hashPrefix(
	handle: FileHandle,
	bytes: number,
	hashes: Array<Hash | undefined>,
	meter: ProgressMeter,
	signal?: AbortSignal,
): Promise<number> {
	const read = await forEachChunk(
		handle,
		(chunk) => {
			for (const hash of hashes) hash?.update(chunk);
			meter.found(chunk.length);
		},
		{length: bytes, signal},
	);
	await handle.truncate(read);
	return read;
}

/**
 * GETs the object from `start` into the file, resuming with a range request after a dropped
 * connection or a 401, always asking for the version we started with (`If-Match`).
 */
export async function receive(
	download: Receiving,
	head: ObjectHead,
	handle: FileHandle,
	start: number,
	hashes: Array<Hash | undefined>,
	meter: ProgressMeter,
): Promise<number> {
	const {store, ref, target, options} = download;
	const {signal} = options;
	let position = start;
	await withRetries(
		async () => {
			if (position >= head.bytes && head.bytes > 0) return;
			const {body} = await store.get(ref, {
				range: position > 0 ? {start: position} : undefined,
				ifMatch: head.etag,
				signal,
			});
			const writer = partWriter(
				handle,
				position,
				(chunk) => {
					for (const hash of hashes) hash?.update(chunk);
					meter.moved(chunk.length);
				},
				{partPath: target.partPath, label: `the download of ${ref.key}`},
			);
			try {
				await pipeline(body, writer, {signal});
			} finally {
				await writer.settled();
				position = writer.position();
			}
			if (position < head.bytes) {
				throw new Unavailable(`The connection ended after ${position} of ${head.bytes} bytes`, {
					...ref,
				});
			}
		},
		{signal, retry: options.retry},
	);
	return position;
}
