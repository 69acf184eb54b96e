import {createHash} from 'node:crypto';
import {rm} from 'node:fs/promises';
import {resolve} from 'node:path';
import {Conflict, NotFound} from '../storage/errors/index.js';
import type {ObjectHead, ObjectRef, ObjectStore} from '../storage/store.js';
import {TransferFailed, VerificationFailed} from './errors/index.js';
import {digestFile} from './file-digest.js';
import {
	defaultJournalFolder,
	downloadJournalSchema,
	journalFile,
	type DownloadJournal,
	type JournalFile,
} from './journal.js';
import {createProgressMeter, type ProgressMeter} from './progress-meter.js';
import {
	checkParents,
	downloadTarget,
	openExisting,
	openPart,
	partSize,
	placeFile,
	type DownloadTarget,
} from './safe-file.js';
import {isTransient} from './transfer-retry.js';
import {hashPrefix, receive} from './receive-object.js';
import {
	sha256MetadataName,
	type DownloadObject,
	type DownloadOptions,
	type DownloadResult,
} from './transfer.js';

type Verification = {by: 'sha256'; sha256: string} | {by: 'md5'; md5: string} | {by: 'none'};

type Download = {
	store: ObjectStore;
	ref: ObjectRef;
	target: DownloadTarget;
	options: DownloadOptions;
	journal: JournalFile<DownloadJournal>;
};

/** The object is replaced while we read it: start over this many times, then give up. */
const changedRestarts = 2;

/**
 * Downloads an object (plain, SLO or DLO: a GET returns it whole) into `folder`: through a
 * `.part` file that a rerun continues with a range request as long as the object is unchanged,
 * verified against its SHA-256 (or the plain object's MD5), then renamed into place.
 */
export const downloadObject: DownloadObject = async (
	store,
	ref,
	folder,
	relativePath,
	options = {},
) => {
	options.signal?.throwIfAborted();
	const target = downloadTarget(resolve(folder), relativePath);
	await checkParents(target, false);
	const download: Download = {
		store,
		ref,
		target,
		options,
		journal: journalFile(
			options.journalFolder ?? defaultJournalFolder(),
			'download',
			[target.path],
			downloadJournalSchema,
		),
	};
	for (let restart = 0; ; restart++) {
		try {
			return await downloadOnce(download);
		} catch (error) {
			if (options.signal?.aborted) throw options.signal.reason;
			if (!(error instanceof Conflict) || restart >= changedRestarts) throw error;
			// The object changed between our HEAD and GET: what we have is of the old version.
			await discardPart(download);
		}
	}
};

function chooseVerification(
	head: ObjectHead,
	expectedSha256: string | undefined,
	ref: ObjectRef,
): Verification {
	const recorded = head.metadata[sha256MetadataName]?.toLowerCase();
	const expected = expectedSha256?.toLowerCase();
	const sha256 = /^[\da-f]{64}$/.test(recorded ?? '') ? recorded : undefined;
	if (sha256 && expected && sha256 !== expected) {
		throw new VerificationFailed(
			`${ref.key} is not the expected file: it records SHA-256 ${sha256}, ${expected} was ` +
				'expected. Nothing was downloaded',
			ref,
		);
	}
	if (sha256 ?? expected) return {by: 'sha256', sha256: (sha256 ?? expected) as string};
	// A manifest's ETag is not the MD5 of its content: nothing to check it against.
	if (head.manifest === 'none' && /^[\da-f]{32}$/.test(head.etag)) {
		return {by: 'md5', md5: head.etag};
	}
	return {by: 'none'};
}

async function discardPart(download: Download): Promise<void> {
	await rm(download.target.partPath, {force: true});
	await download.journal.remove();
}

/** The file already at the final name, if it matches the object: nothing to download. */
async function alreadyThere(
	download: Download,
	head: ObjectHead,
	verification: Verification,
	meter: ProgressMeter,
): Promise<DownloadResult | undefined> {
	const existing = await openExisting(download.target.path);
	if (!existing) return undefined;
	try {
		if (verification.by === 'none' || (await existing.stat()).size !== head.bytes) return;
		meter.phase('verifying');
		const digest = await digestFile(existing, {
			onBytes: (bytes) => meter.moved(bytes),
			signal: download.options.signal,
		});
		const same =
			verification.by === 'sha256'
				? digest.sha256 === verification.sha256
				: digest.partMd5[0] === verification.md5;
		if (!same) return undefined;
		return {
			path: download.target.path,
			bytes: head.bytes,
			sha256: digest.sha256,
			verifiedBy: verification.by,
			skipped: true,
			resumedBytes: 0,
		};
	} finally {
		await existing.close();
	}
}

async function downloadOnce(download: Download): Promise<DownloadResult> {
	const {store, ref, target, options, journal} = download;
	const {signal} = options;
	// A HEAD has no stream: the store retries it (transfer-retry.ts says why).
	const head = await store.head(ref, {signal});
	const verification = chooseVerification(head, options.expectedSha256, ref);
	const meter = createProgressMeter({total: head.bytes, onProgress: options.onProgress});
	const skipped = await alreadyThere(download, head, verification, meter);
	if (skipped) {
		meter.finish();
		return skipped;
	}

	const note = await journal.read();
	const have = await partSize(target.partPath);
	const resume =
		note !== undefined &&
		note.path === target.path &&
		note.container === ref.container &&
		note.key === ref.key &&
		note.etag === head.etag &&
		note.bytes === head.bytes &&
		have > 0 &&
		have <= head.bytes;

	await checkParents(target, true);
	const handle = await openPart(target.partPath, {resume, mode: options.mode ?? 0o600});
	let keepPart = true;
	try {
		await journal.write({
			version: 1,
			kind: 'download',
			path: target.path,
			container: ref.container,
			key: ref.key,
			etag: head.etag,
			bytes: head.bytes,
		});
		const sha256 = createHash('sha256');
		const md5 = verification.by === 'md5' ? createHash('md5') : undefined;
		meter.phase('downloading');
		const resumedBytes = resume ? await hashPrefix(handle, have, [sha256, md5], meter, signal) : 0;
		const position = await receive(download, head, handle, resumedBytes, [sha256, md5], meter);
		if (position !== head.bytes) {
			keepPart = false;
			throw new VerificationFailed(
				`${ref.key} arrived with ${position} bytes instead of ${head.bytes}; the copy was ` +
					'thrown away: download it again',
				{path: target.path, ...ref},
			);
		}

		meter.phase('verifying', position);
		const sha256Hex = sha256.digest('hex');
		const actual = verification.by === 'md5' ? md5?.digest('hex') : sha256Hex;
		const wanted =
			verification.by === 'sha256'
				? verification.sha256
				: verification.by === 'md5'
					? verification.md5
					: actual;
		if (actual !== wanted) {
			keepPart = false;
			const name = verification.by === 'md5' ? 'MD5' : 'SHA-256';
			throw new VerificationFailed(
				`${ref.key} arrived damaged: its ${name} is ${actual}, ${wanted} was expected. The ` +
					'copy was thrown away: download it again; if it fails again the stored object is damaged',
				{path: target.path, ...ref},
			);
		}
		await handle.sync();
		await handle.close();
		await placeFile(target);
		await journal.remove();
		meter.finish();
		return {
			path: target.path,
			bytes: head.bytes,
			sha256: sha256Hex,
			verifiedBy: verification.by,
			skipped: false,
			resumedBytes,
		};
	} catch (error) {
		if (error instanceof NotFound || error instanceof Conflict) keepPart = false;
		if (!keepPart) await discardPart(download);
		if (signal?.aborted) throw signal.reason;
		if (isTransient(error)) {
			throw new TransferFailed(
				`Download of ${ref.key} failed: ${(error as Error).message}. The bytes received so ` +
					`far are kept in ${target.partPath}: download again to continue`,
				{path: target.path, ...ref, cause: error},
			);
		}
		throw error;
	} finally {
		await handle.close().catch(() => undefined);
	}
}
