import {resolve} from 'node:path';
import {removeStaleSegments} from './stale-segments.js';
import {FileChanged} from './errors/index.js';
import {digestFile} from './file-digest.js';
import {createProgressMeter} from './progress-meter.js';
import {defaultSegmentThreshold, framedBytes} from './segment-layout.js';
import type {UploadFile, UploadResult} from './transfer.js';
import {plainEncoding} from './upload-encoding.js';
import {uploadSegmented} from './upload-segmented.js';
import {assertUnchanged, explain, localFile, putSegment, type Upload} from './upload-steps.js';

export {defaultParallel, defaultSegmentSize, defaultSegmentThreshold} from './segment-layout.js';

/**
 * Uploads a local file: in one PUT up to `segmentThreshold`, else as a static large object whose
 * segments python-swiftclient would name the same way, sent as it is or encoded on the fly
 * (`options.encoding`). Each PUT starts at once and hashes what it sends; a journal lets a rerun
 * skip the segments already stored.
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
		metadata: {mtime: file.mtime, ...options.metadata},
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

/**
 * One PUT. Its metadata holds the SHA-256, so a small file is hashed first (a quick pass, and
 * what it reads stays cached); the PUT hashes what it sends again, the MD5 for Swift's ETag and
 * the SHA-256 to be sure it sent what was hashed.
 */
async function uploadWhole(upload: Upload): Promise<UploadResult> {
	const {ref, file, options, meter} = upload;
	// Nothing to resume in one PUT: a fresh encoding every time.
	const encoder = (options.encoding ?? plainEncoding).begin();
	const bytes = framedBytes(file.size, encoder.framing);
	const whole = {index: 0, key: ref.key, start: 0, bytes, plain: {start: 0, bytes: file.size}};
	meter.phase('hashing');
	const {sha256} = await digestFile(file.path, {hashPart: () => false, signal: options.signal});
	meter.phase('uploading');
	let high = 0;
	let sent: Awaited<ReturnType<typeof putSegment>>;
	try {
		sent = await putSegment(
			upload,
			encoder,
			ref,
			whole,
			{
				contentType: options.contentType,
				sha256: true,
				metadata: {...upload.metadata, ...encoder.metadata({sha256, bytes: file.size})},
			},
			(read) => {
				if (read > high) meter.moved(read - high);
				high = Math.max(high, read);
			},
			options.signal,
		);
	} catch (error) {
		throw await explain(upload, error, `Upload of ${file.path}`, 'Nothing was stored: try again.');
	}
	// What is stored is what was read (its MD5 is Swift's ETag); a file that grew or changed
	// meanwhile is still not the file: refused, and its stored start removed rather than left
	// looking like the whole.
	const check =
		sent.sha256 === sha256
			? assertUnchanged(upload)
			: Promise.reject(
					new FileChanged(`${file.path} changed while it was being uploaded: run this again.`, {
						path: file.path,
						...ref,
					}),
				);
	await check.catch(async (error: unknown) => {
		await upload.store.delete(ref).catch(() => undefined);
		throw error;
	});
	meter.finish();
	return {
		ref,
		bytes,
		sha256,
		segmented: false,
		resumedBytes: 0,
		...(encoder.encode ? {plain: {bytes: file.size, sha256}} : {}),
	};
}
