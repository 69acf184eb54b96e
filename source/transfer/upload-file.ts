import {createReadStream, type BigIntStats} from 'node:fs';
import {stat} from 'node:fs/promises';
import {resolve} from 'node:path';
import {Transform, type Readable} from 'node:stream';
import {segmentsContainer} from '../protocol/keys.js';
import {removeStaleSegments} from './stale-segments.js';
import {StorageError, NotFound} from '../storage/errors/index.js';
import type {ObjectRef, ObjectStore, SegmentRef} from '../storage/store.js';
import {mapLimit} from '../util/map-limit.js';
import {FileChanged, TransferError, TransferFailed} from './errors/index.js';
import {digestFile, readChunkBytes} from './file-digest.js';
import {
	defaultJournalFolder,
	journalFile,
	uploadJournalSchema,
	type JournalFile,
	type UploadJournal,
} from './journal.js';
import {createProgressMeter, type ProgressMeter} from './progress-meter.js';
import {chooseSegmentSize, segmentLayout, swiftMtime, type Segment} from './segment-layout.js';
import {isTransient, withRetries} from './transfer-retry.js';
import {
	sha256MetadataName,
	type UploadFile,
	type UploadOptions,
	type UploadResult,
} from './transfer.js';

/**
 * Anything larger than one segment goes up in segments, so a rerun after a kill, a cut or a
 * reboot sends only the segments the store lacks. 64 MiB: each segment costs one PUT (and one
 * HEAD on a rerun) and one manifest line, a few milliseconds on loopback and a round trip or two
 * over a WAN, against about 0.5 s of sending at 1 Gbit/s, so the cost per segment stays a few
 * percent while a kill loses at most `parallel` × 64 MiB; memory does not grow with the segment
 * (each is streamed in 1 MiB reads). Swift's 1000 segments then reach 62.5 GiB; larger files
 * get larger segments (`chooseSegmentSize`).
 */
export const defaultSegmentSize = 64 * 1024 ** 2;
export const defaultSegmentThreshold = defaultSegmentSize;
export const defaultParallel = 4;

type LocalFile = {path: string; size: number; mtime: string; stats: BigIntStats};

type Upload = {
	store: ObjectStore;
	ref: ObjectRef;
	file: LocalFile;
	options: UploadOptions;
	meter: ProgressMeter;
	metadata: (sha256: string) => Record<string, string>;
};

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

async function localFile(path: string): Promise<LocalFile> {
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
async function assertUnchanged(upload: Upload): Promise<void> {
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
async function putRange(
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
async function explain(upload: Upload, error: unknown, what: string, next: string) {
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

/** The journal of an earlier run of this same upload, if the file is still the same. */
async function earlierRun(
	upload: Upload,
	journal: JournalFile<UploadJournal>,
	segmentContainer: string,
	segmentSize: number,
): Promise<UploadJournal | undefined> {
	const {ref, file} = upload;
	const previous = await journal.read();
	// Same file as python-swiftclient judges it: same size and mtime.
	const same =
		previous?.file === file.path &&
		previous.size === file.size &&
		previous.mtime === file.mtime &&
		previous.container === ref.container &&
		previous.key === ref.key &&
		previous.segmentContainer === segmentContainer &&
		previous.segmentSize === segmentSize;
	return same ? previous : undefined;
}

/**
 * Segments go up as soon as their MD5 is known: the hashing pass runs ahead of the uploads, so
 * the file is read twice but the upload waits only for the first segment's hash. A rerun of an
 * unchanged file takes the hashes from the journal and sends only what the store lacks.
 */
async function uploadSegmented(upload: Upload): Promise<UploadResult> {
	const {store, ref, file, options, meter} = upload;
	const {signal} = options;
	const segmentSize = chooseSegmentSize(file.size, options.segmentSize, defaultSegmentSize);
	const segments = segmentLayout(ref.key, file.mtime, file.size, segmentSize);
	const segmentContainer = segmentsContainer(ref.container);
	const journal = journalFile(
		options.journalFolder ?? defaultJournalFolder(),
		'upload',
		[ref.container, ref.key, file.path],
		uploadJournalSchema,
	);
	const previous = await earlierRun(upload, journal, segmentContainer, segmentSize);
	const hashed = previous?.sha256 !== undefined && previous.segmentMd5.length === segments.length;
	const state: UploadJournal = {
		version: 1,
		kind: 'upload',
		file: file.path,
		size: file.size,
		mtime: file.mtime,
		container: ref.container,
		key: ref.key,
		segmentContainer,
		segmentSize,
		sha256: hashed ? previous.sha256 : undefined,
		segmentMd5: hashed ? previous.segmentMd5 : [],
		stored: [],
	};
	const storedBefore = new Map(previous?.stored.map(({index, etag}) => [index, etag]));
	await journal.write(state);
	await withRetries(
		async () => {
			if (!(await store.containerExists(segmentContainer, {signal}))) {
				await store.createContainer(segmentContainer, {signal});
			}
		},
		{signal, retry: options.retry},
	);

	const stop = new AbortController();
	const running = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
	const md5s = segments.map(() => deferred<string>());
	let hashing: Promise<void> = Promise.resolve();
	if (hashed) {
		for (const [index, md5] of state.segmentMd5.entries()) md5s[index]?.resolve(md5);
		meter.phase('uploading');
	} else {
		meter.phase('hashing');
		let phase: 'hashing' | 'uploading' = 'hashing';
		hashing = digestFile(file.path, {
			partBytes: segmentSize,
			signal: running,
			onBytes: (bytes) => {
				if (phase === 'hashing') meter.moved(bytes);
			},
			onPart: (index, md5) => {
				state.segmentMd5[index] = md5;
				md5s[index]?.resolve(md5);
				if (phase === 'hashing') {
					phase = 'uploading';
					meter.phase('uploading');
				}
			},
		}).then(async (digest) => {
			await assertUnchanged(upload);
			state.sha256 = digest.sha256;
			await journal.write(state);
		});
		hashing = hashing.catch((error: unknown) => {
			for (const md5 of md5s) md5.reject(error);
			stop.abort(error);
			throw error;
		});
		hashing.catch(() => undefined);
	}

	const etags = new Array<string | undefined>(segments.length);
	let firstUnfinished = 0;
	const finish = async (segment: Segment, etag: string) => {
		etags[segment.index] = etag;
		while (etags[firstUnfinished] !== undefined) firstUnfinished++;
		meter.segment(Math.min(firstUnfinished + 1, segments.length), segments.length);
		state.stored.push({index: segment.index, etag});
		await journal.write(state);
	};
	meter.segment(1, segments.length);

	let resumedBytes = 0;
	let failure: {error: unknown; segment: Segment} | undefined;
	await mapLimit(segments, Math.max(1, options.parallel ?? defaultParallel), async (segment) => {
		if (running.aborted) return;
		try {
			const md5 = await md5s[segment.index]?.promise;
			if (md5 === undefined || running.aborted) return;
			if (storedBefore.get(segment.index) === md5 && (await isStored(upload, segment, md5))) {
				resumedBytes += segment.bytes;
				meter.found(segment.bytes);
				await finish(segment, md5);
				return;
			}
			let high = 0;
			const etag = await putRange(
				upload,
				{container: segmentContainer, key: segment.key},
				{start: segment.start, bytes: segment.bytes, md5},
				{signal: running},
				(sent) => {
					if (sent > high) meter.moved(sent - high);
					high = Math.max(high, sent);
				},
			);
			await finish(segment, etag);
		} catch (error) {
			failure ??= {error, segment};
			stop.abort(error);
		}
	});
	signal?.throwIfAborted();
	// A failed segment stops the hashing too: its error, not the hashing's abort, is the story.
	const hashFailure = await hashing.then(
		() => undefined,
		(error: unknown) => ({error}),
	);
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
	const sha256 = state.sha256 ?? '';
	try {
		await withRetries(
			async () =>
				store.putManifest(ref, manifest, {
					contentType: options.contentType,
					metadata: upload.metadata(sha256),
					signal,
				}),
			{signal, retry: options.retry},
		);
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
	return {ref, bytes: file.size, sha256, segmented: true, resumedBytes, segmentPrefix};
}

/** Whether the store still holds `segment` as an earlier run stored it: right MD5 and size. */
async function isStored(upload: Upload, segment: Segment, md5: string): Promise<boolean> {
	const {store, ref, options} = upload;
	try {
		const head = await withRetries(
			async () =>
				store.head(
					{container: segmentsContainer(ref.container), key: segment.key},
					{signal: options.signal},
				),
			{signal: options.signal, retry: options.retry},
		);
		return head.etag === md5 && head.bytes === segment.bytes;
	} catch (error) {
		if (error instanceof NotFound) return false;
		throw error;
	}
}
