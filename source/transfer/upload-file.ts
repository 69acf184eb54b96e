import {resolve} from 'node:path';
import {removeStaleSegments} from './stale-segments.js';
import {digestFile} from './file-digest.js';
import {createProgressMeter} from './progress-meter.js';
import {defaultSegmentThreshold} from './segment-layout.js';
import type {UploadFile, UploadResult} from './transfer.js';
import {sha256MetadataName} from './transfer.js';
import {uploadSegmented} from './upload-segmented.js';
import {assertUnchanged, explain, localFile, putRange, type Upload} from './upload-steps.js';

export {defaultParallel, defaultSegmentSize, defaultSegmentThreshold} from './segment-layout.js';

/**
 * Uploads a local file: in one PUT up to `segmentThreshold`, else as a static large object whose
 * segments python-swiftclient would name the same way. The file is read once to hash it (SHA-256
 * for the metadata, the MD5 Swift checks for each segment), then streamed segment by segment;
 * a journal lets a rerun skip the segments already stored.
 */
export const uploadFile: UploadFile = async (store, ref, filePath, options = {}) => {
	options.signal?.throwIfAborted();
	const file = await localFile(resolve(filePath));
	const meter = createProgressMeter({total: file.size, onProgress: options.onProgress});
	const upload: Upload = {
		store,
		ref,
		file,
		options,
		meter,
		// python-swiftclient keeps the file's mtime too, and `swift download` restores it.
		metadata: (sha256) => ({mtime: file.mtime, ...options.metadata, [sha256MetadataName]: sha256}),
	};
	const threshold = options.segmentThreshold ?? defaultSegmentThreshold;
	try {
		const result = await (file.size <= threshold ? uploadWhole(upload) : uploadSegmented(upload));
		const stale = await removeStaleSegments(store, ref, result.segmentPrefix, options.signal);
		return stale.removed > 0 ? {...result, staleSegmentsRemoved: stale.removed} : result;
	} catch (error) {
		// Streams and timers abort with their own AbortError: the caller gets the reason it gave.
		if (options.signal?.aborted) throw options.signal.reason;
		throw error;
	}
};

async function uploadWhole(upload: Upload): Promise<UploadResult> {
	const {ref, file, options, meter} = upload;
	meter.phase('hashing');
	const digest = await digestFile(file.path, {
		onBytes: (bytes) => meter.moved(bytes),
		signal: options.signal,
	});
	await assertUnchanged(upload);
	meter.phase('uploading');
	let high = 0;
	try {
		await putRange(
			upload,
			ref,
			{start: 0, bytes: file.size, md5: digest.partMd5[0] ?? ''},
			{
				contentType: options.contentType,
				metadata: upload.metadata(digest.sha256),
				signal: options.signal,
			},
			(sent) => {
				if (sent > high) meter.moved(sent - high);
				high = Math.max(high, sent);
			},
		);
	} catch (error) {
		throw await explain(upload, error, `Upload of ${file.path}`, 'Nothing was stored: try again.');
	}
	// Swift checked the MD5 of the bytes it got against the hashing pass, so what is stored is
	// what was hashed; a file that grew or changed meanwhile is still not the file: refused, and
	// its stored start removed rather than left looking like the whole.
	await assertUnchanged(upload).catch(async (error: unknown) => {
		await upload.store.delete(ref).catch(() => undefined);
		throw error;
	});
	meter.finish();
	return {ref, bytes: file.size, sha256: digest.sha256, segmented: false, resumedBytes: 0};
}
