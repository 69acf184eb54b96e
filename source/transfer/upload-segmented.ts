import {segmentsContainer} from '../protocol/keys.js';
import {NotFound} from '../storage/errors/index.js';
import type {SegmentRef} from '../storage/store.js';
import {mapLimit} from '../util/map-limit.js';
import {FileChanged} from './errors/index.js';
import {encodedMd5} from './segment-body.js';
import {digestFile} from './file-digest.js';
import {
	defaultJournalFolder,
	journalFile,
	uploadJournalSchema,
	type JournalFile,
	type UploadJournal,
} from './journal.js';
import {
	chooseSegmentSize,
	defaultParallel,
	defaultSegmentSize,
	segmentLayout,
	type Segment,
} from './segment-layout.js';
import type {UploadResult} from './transfer.js';
import {plainEncoding, type SegmentEncoder} from './upload-encoding.js';
import {assertUnchanged, explain, putSegment, type Upload} from './upload-steps.js';

type Stored = UploadJournal['stored'][number];
type Deferred<T> = {promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void};

function deferred<T>(): Deferred<T> {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	// Rejected for segments nobody waits for any more (after a failure): not an unhandled rejection.
	promise.catch(() => undefined);
	return {promise, resolve, reject};
}

/** The journal of an earlier run of this same upload (same file, target, encoding), if any. */
async function earlierRun(
	upload: Upload,
	journal: JournalFile<UploadJournal>,
	segmentContainer: string,
	segmentSize: number,
	identity: string,
): Promise<UploadJournal | undefined> {
	const {ref, file} = upload;
	const previous = await journal.read();
	// Same file as python-swiftclient judges it (size and mtime); the ranges are checked again.
	const same =
		previous?.file === file.path &&
		previous.size === file.size &&
		previous.mtime === file.mtime &&
		previous.container === ref.container &&
		previous.key === ref.key &&
		previous.segmentContainer === segmentContainer &&
		previous.segmentSize === segmentSize &&
		previous.encoding.identity === identity;
	return same ? previous : undefined;
}

/** The encoder of this upload: the earlier run's (same key, same header) when it can go on. */
function beginEncoding(upload: Upload, previous: UploadJournal | undefined) {
	const encoding = upload.options.encoding ?? plainEncoding;
	try {
		return {encoder: encoding.begin(previous?.encoding.saved), previous};
	} catch {
		// An unreadable saved state: start afresh, trusting none of the earlier run's segments.
		return {encoder: encoding.begin(), previous: undefined};
	}
}

/**
 * Segments go up at once, `parallel` at a time, each read from the file once, encoded on the fly
 * when the upload encodes, its MD5 taken as it is sent and held against Swift's ETag. Beside them
 * one in-order pass takes the file's SHA-256 for the metadata (it gates only the manifest), and on
 * a rerun the MD5 of the ranges an earlier run stored: a stored segment is kept only if its range
 * of the file is unchanged and the store still holds it, so a rerun sends only what is missing.
 */
export async function uploadSegmented(upload: Upload): Promise<UploadResult> {
	const {store, ref, file, options, meter} = upload;
	const {signal} = options;
	const encoding = options.encoding ?? plainEncoding;
	const segmentSize = chooseSegmentSize(file.size, options.segmentSize, defaultSegmentSize);
	const segmentContainer = segmentsContainer(ref.container);
	const journal = journalFile(
		options.journalFolder ?? defaultJournalFolder(),
		'upload',
		[ref.container, ref.key, file.path],
		uploadJournalSchema,
	);
	const found = await earlierRun(upload, journal, segmentContainer, segmentSize, encoding.identity);
	const {encoder, previous} = beginEncoding(upload, found);
	const segments = segmentLayout(ref.key, file.mtime, file.size, segmentSize, encoder.framing);
	const state: UploadJournal = {
		version: 3,
		kind: 'upload',
		file: file.path,
		size: file.size,
		mtime: file.mtime,
		container: ref.container,
		key: ref.key,
		segmentContainer,
		segmentSize,
		encoding: {identity: encoding.identity, saved: encoder.saved},
		stored: [],
	};
	const storedBefore = new Map(previous?.stored.map((entry) => [entry.index, entry]));
	await journal.write(state);
	// Calls without a streamed body are retried by the store itself (transfer-retry.ts says why).
	if (!(await store.containerExists(segmentContainer, {signal}))) {
		await store.createContainer(segmentContainer, {signal});
	}

	const stop = new AbortController();
	const running = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
	const rangeMd5 = segments.map(() => deferred<string>());
	const hashing = digestFile(file.path, {
		partBytes: Math.max(1, segments[0]!.plain.bytes),
		// A stored piece of an encoded upload is checked by encoding its range again instead.
		hashPart: (index) => !encoder.encode && storedBefore.has(index),
		onPart: (index, md5) => rangeMd5[index]?.resolve(md5),
		signal: running,
	}).catch((error: unknown) => {
		for (const md5 of rangeMd5) md5.reject(error);
		stop.abort(error);
		throw error;
	});
	hashing.catch(() => undefined);
	meter.phase('uploading');

	const etags = new Array<string | undefined>(segments.length);
	let firstUnfinished = 0;
	const finish = async (segment: Segment, entry: Stored) => {
		etags[segment.index] = entry.etag;
		while (etags[firstUnfinished] !== undefined) firstUnfinished++;
		meter.segment(Math.min(firstUnfinished + 1, segments.length), segments.length);
		state.stored.push(entry);
		await journal.write(state);
	};
	meter.segment(1, segments.length);

	let resumedBytes = 0;
	let failure: {error: unknown; segment: Segment} | undefined;
	await mapLimit(segments, Math.max(1, options.parallel ?? defaultParallel), async (segment) => {
		if (running.aborted) return;
		try {
			const kept = storedBefore.get(segment.index);
			const madeBefore = kept && sentMd5Of(upload, encoder, segment, kept, rangeMd5);
			if (kept && madeBefore && (await stillStored(upload, segment, kept, madeBefore))) {
				resumedBytes += segment.plain.bytes;
				meter.found(segment.plain.bytes);
				await finish(segment, kept);
				return;
			}
			if (running.aborted) return;
			const sent = await sendSegment(upload, encoder, segmentContainer, segment, running);
			await finish(segment, {index: segment.index, etag: sent.etag, stamp: sent.stamp});
		} catch (error) {
			failure ??= {error, segment};
			stop.abort(error);
		}
	});
	signal?.throwIfAborted();
	// A failed segment stops the hashing too: its error, not the hashing's abort, is the story.
	const hashed = await hashing.then(
		(digest) => ({digest}),
		(error: unknown) => ({error}),
	);
	const hashFailure = 'error' in hashed ? hashed : undefined;
	const changed = [hashFailure?.error, failure?.error].find(
		(error) => error instanceof FileChanged,
	);
	if (changed) {
		await journal.remove();
		throw changed;
	}
	if (hashFailure && !failure) throw hashFailure.error;
	if (failure) {
		const done = etags.filter(Boolean).length;
		throw await explain(
			upload,
			failure.error,
			`Upload of segment ${failure.segment.index + 1}/${segments.length} of ${file.path}`,
			`The ${done} segments already stored are kept: run the upload again to continue.`,
		);
	}

	await assertUnchanged(upload).catch(async (error: unknown) => {
		await journal.remove();
		throw error;
	});
	const manifest: SegmentRef[] = segments.map((segment) => ({
		container: segmentContainer,
		key: segment.key,
		etag: etags[segment.index] ?? '',
		bytes: segment.bytes,
	}));
	const sha256 = 'digest' in hashed ? hashed.digest.sha256 : '';
	try {
		await store.putManifest(ref, manifest, {
			contentType: options.contentType,
			metadata: {...upload.metadata, ...encoder.metadata({sha256, bytes: file.size})},
			signal,
		});
	} catch (error) {
		throw await explain(
			upload,
			error,
			`Writing the manifest of ${file.path}`,
			'All segments are stored: run the upload again to finish it.',
		);
	}
	await journal.remove();
	meter.finish();
	const segmentPrefix = segments[0]!.key.slice(0, segments[0]!.key.lastIndexOf('/') + 1);
	const bytes = manifest.reduce((sum, segment) => sum + segment.bytes, 0);
	return {
		ref,
		bytes,
		sha256,
		segmented: true,
		resumedBytes,
		segmentPrefix,
		...(encoder.encode ? {plain: {bytes: file.size, sha256}} : {}),
	};
}

/** One segment sent, the progress told in bytes of the file read (across retries, once). */
async function sendSegment(
	upload: Upload,
	encoder: SegmentEncoder,
	container: string,
	segment: Segment,
	signal: AbortSignal,
) {
	let high = 0;
	return putSegment(
		upload,
		encoder,
		{container, key: segment.key},
		segment,
		{},
		(read) => {
			if (read > high) upload.meter.moved(read - high);
			high = Math.max(high, read);
		},
		signal,
	);
}

/**
 * The MD5 the file's range of an earlier run's segment gives now, as that run sent it: from the
 * in-order pass when sent as it is; encoded again with the segment's stamp when encoded (a
 * journal entry without one cannot be checked, and the segment is sent again).
 */
function sentMd5Of(
	upload: Upload,
	encoder: SegmentEncoder,
	segment: Segment,
	kept: Stored,
	rangeMd5: Deferred<string>[],
): Promise<string> | undefined {
	if (!encoder.encode) return rangeMd5[segment.index]!.promise;
	if (kept.stamp === undefined) return undefined;
	return encodedMd5(upload.file.path, segment, encoder, kept.stamp);
}

/**
 * Whether an earlier run's segment can stay: its range of the file still makes the bytes it
 * sent (`sentMd5`), and the store still holds it with the ETag and size it answered then.
 */
async function stillStored(
	upload: Upload,
	segment: Segment,
	kept: Stored,
	sentMd5: Promise<string>,
): Promise<boolean> {
	const {store, ref, options} = upload;
	const head = store
		.head({container: segmentsContainer(ref.container), key: segment.key}, {signal: options.signal})
		.catch((error: unknown) => {
			if (error instanceof NotFound) return undefined;
			throw error;
		});
	const [md5, stored] = await Promise.all([sentMd5, head]);
	const etag = kept.etag.toLowerCase();
	return md5 === etag && stored?.etag === kept.etag && stored.bytes === segment.bytes;
}
