import {join} from 'node:path';
import {markerKey, resultsPrefix} from '../../../protocol/keys.js';
import {NotFound} from '../../../storage/errors/index.js';
import type {ObjectStore} from '../../../storage/store.js';
import {removeStaleSegments} from '../../../transfer/stale-segments.js';
import {plainSha256Metadata} from '../../../crypt4gh/encrypting-upload.js';
import {sha256MetadataName, type UploadFile} from '../../../transfer/transfer.js';
import {uploadFile as realUpload} from '../../../transfer/upload-file.js';
import type {Clock} from '../../clock.js';
import {putSmallObject} from '../../small-object.js';
import {writeMarker} from '../../write-marker.js';
import {UnverifiedUpload} from '../analyst-errors.js';
import {localFile, type DeliveredFile, type DeliverProgress} from '../deliver-job.js';
import {ReviewedFilesChanged} from './review-errors.js';
import {signOffKey} from './review-keys.js';
import {recordText, type SignOff} from './review-records.js';

export type ReleaseRequest = {
	/** The record to write: the files it releases are uploaded from `jobFolder`. */
	signOff: SignOff;
	/** Who writes `status/ready` (the last reviewer). */
	by: string;
	jobFolder: string;
	upload?: UploadFile;
	journalFolder?: string;
	onProgress?: (progress: DeliverProgress) => void;
	signal?: AbortSignal;
};

export type ReleaseResult = {files: DeliveredFile[]; signOffKey: string; readyKey: string};

/**
 * Lets the reviewed files leave: each released file is uploaded to its result key and read back,
 * and must be the very bytes that were reviewed (its SHA-256); an upload that is not is deleted
 * again at once. Result objects that are not released (held back now, delivered before) are
 * removed. Then the sign-off is written, and only after it `status/ready`: the Python tools
 * and ivjm's researchers see a job ready only once its sign-off exists.
 */
export async function releaseFiles(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	request: ReleaseRequest,
): Promise<ReleaseResult> {
	const {signOff, jobFolder, signal} = request;
	const {jobId, biobank} = signOff;
	const released = signOff.files.filter((file) => file.verdict === 'release');
	const upload = request.upload ?? realUpload;
	const progress: DeliverProgress['files'] = released.map((file) => ({
		relative: file.path,
		state: 'waiting',
		done: 0,
		total: file.bytes,
	}));
	const report = (rate?: number) => {
		const done = progress.reduce((sum, file) => sum + file.done, 0);
		const total = progress.reduce((sum, file) => sum + file.total, 0);
		const etaSeconds = rate && rate > 0 ? Math.max(0, total - done) / rate : undefined;
		request.onProgress?.({
			phase: 'uploading',
			files: progress.map((file) => ({...file})),
			done,
			total,
			rate,
			etaSeconds,
		});
	};

	const delivered: DeliveredFile[] = [];
	for (const [index, file] of released.entries()) {
		const local = await localFile(jobFolder, file.path, file.key);
		if (local.state !== 'present' || local.bytes !== file.bytes) {
			throw new ReviewedFilesChanged(
				jobId,
				[file.path],
				'not the file that was reviewed (missing, a link, or another size)',
			);
		}
		const entry = progress[index] as DeliverProgress['files'][number];
		entry.state = 'running';
		report();
		const ref = {container: bucket, key: file.key};
		const result = await upload(store, ref, join(jobFolder, file.path), {
			signal,
			journalFolder: request.journalFolder,
			onProgress: (event) => {
				entry.progress = event;
				entry.done = event.done;
				entry.total = event.total;
				report(event.rate);
			},
		});
		// An encrypted result (the requester's key) is compared by its plaintext, and lives at
		// the key the upload chose (`<key>.c4gh`).
		if ((result.plain?.sha256 ?? result.sha256) !== file.sha256) {
			// Changed after the review: what reached the bucket is not what was reviewed.
			await removeResult(store, bucket, result.ref.key, signal);
			throw new ReviewedFilesChanged(
				jobId,
				[file.path],
				'changed since it was reviewed, and was taken out of the bucket again',
			);
		}
		const stored = await store.head(result.ref, {signal});
		// An encrypted object records its plaintext's SHA-256 (no ciphertext hash is taken).
		const recorded = stored.metadata[result.plain ? plainSha256Metadata : sha256MetadataName];
		if (stored.bytes !== result.bytes || recorded !== result.sha256) {
			throw new UnverifiedUpload(
				jobId,
				`${file.path} was uploaded to ${result.ref.key}, but the stored object does not match (${stored.bytes} bytes); deliver again.`,
			);
		}
		entry.state = 'done';
		report();
		delivered.push({relative: file.path, key: result.ref.key, upload: result});
	}

	const keep = new Set(delivered.map((file) => file.key));
	for await (const entry of store.list(bucket, {prefix: resultsPrefix(jobId, biobank), signal})) {
		if (entry.kind === 'object' && !keep.has(entry.key))
			await removeResult(store, bucket, entry.key, signal);
	}

	const key = signOffKey(jobId, biobank);
	await putSmallObject(store, bucket, key, recordText(signOff), {signal});
	await writeMarker(store, bucket, clock, {
		jobId,
		biobank,
		marker: 'ready',
		by: request.by,
		signal,
	});
	return {files: delivered, signOffKey: key, readyKey: markerKey(jobId, biobank, 'ready')};
}

/** Deletes a result object and the segments of it a large upload left. */
async function removeResult(
	store: ObjectStore,
	bucket: string,
	key: string,
	signal?: AbortSignal,
): Promise<void> {
	await store.delete({container: bucket, key}, {signal}).catch((error: unknown) => {
		if (!(error instanceof NotFound)) throw error;
	});
	await removeStaleSegments(store, {container: bucket, key}, undefined, signal);
}
