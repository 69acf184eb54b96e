import {segmentsContainer} from '../protocol/keys.js';
import {NotFound} from '../storage/errors/index.js';
import type {SegmentRef} from '../storage/store.js';
import {mapLimit} from '../util/map-limit.js';
import {FileChanged} from './errors/index.js';
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
import {assertUnchanged, explain, putRange, type Upload} from './upload-steps.js';

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
export async function uploadSegmented(upload: Upload): Promise<UploadResult> {
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
	// Calls without a streamed body are retried by the store itself (transfer-retry.ts says why).
	if (!(await store.containerExists(segmentContainer, {signal}))) {
		await store.createContainer(segmentContainer, {signal});
	}

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
		await store.putManifest(ref, manifest, {
			contentType: options.contentType,
			metadata: upload.metadata(sha256),
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
	return {ref, bytes: file.size, sha256, segmented: true, resumedBytes, segmentPrefix};
}

/** Whether the store still holds `segment` as an earlier run stored it: right MD5 and size. */
async function isStored(upload: Upload, segment: Segment, md5: string): Promise<boolean> {
	const {store, ref, options} = upload;
	try {
		const head = await store.head(
			{container: segmentsContainer(ref.container), key: segment.key},
			{signal: options.signal},
		);
		return head.etag === md5 && head.bytes === segment.bytes;
	} catch (error) {
		if (error instanceof NotFound) return false;
		throw error;
	}
}
