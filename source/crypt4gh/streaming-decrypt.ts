import {rm} from 'node:fs/promises';
import {pipeline} from 'node:stream/promises';
import {Conflict, NotFound, Unavailable} from '../storage/errors/index.js';
import type {ObjectStore} from '../storage/store.js';
import {TransferFailed, VerificationFailed} from '../transfer/errors/index.js';
import {createProgressMeter} from '../transfer/progress-meter.js';
import {partWriter, placeFile} from '../transfer/safe-file.js';
import {isTransient, withRetries} from '../transfer/transfer-retry.js';
import type {DownloadOptions, DownloadResult} from '../transfer/transfer.js';
import {cipherTee} from './cipher-tee.js';
import {openDecryptParts, type DecryptParts, type OpenedParts} from './decrypt-resume.js';
import {Crypt4ghError} from './errors.js';
import {createOpenStream} from './segment-opener.js';
import {cipherSegmentSize, segmentSize} from './segment-offsets.js';

export type StreamingDecrypt = Omit<DecryptParts, 'mode' | 'signal'> & {
	store: ObjectStore;
	sessionKeys: Buffer[];
	/** The plaintext SHA-256 recorded at upload, when there is one. */
	expectedSha256?: string;
	options: DownloadOptions;
};

/**
 * Fetches a Crypt4GH object and decrypts it while the bytes arrive: each segment is opened once
 * its tag checks, written to the plaintext `.part` and hashed; the whole plaintext must have the
 * recorded SHA-256 (which also catches segments reordered or cut at a boundary) before it is
 * fsynced and renamed into place. With `cipher` the fetched bytes are also written to a `.c4gh`
 * part, renamed beside it; without, no copy of the ciphertext reaches the disk. A dropped
 * connection continues from the last whole segment, in this run or the next.
 */
export async function streamingDecrypt(job: StreamingDecrypt): Promise<DownloadResult> {
	const {ref, head, options} = job;
	const {signal} = options;
	const headerLength = job.headerBytes.length;
	const meter = createProgressMeter({total: head.bytes, onProgress: options.onProgress});
	meter.phase('downloading');
	const parts = await openDecryptParts({...job, mode: options.mode ?? 0o600, signal}, meter);
	let keepParts = true;
	try {
		const position = {plain: parts.segment * segmentSize};
		const onBytes = (bytes: number) => meter.moved(bytes);
		await withRetries(
			async () => {
				if (position.plain >= job.plainTotal) return;
				await receiveSegments(job, parts, position, headerLength, onBytes);
				if (position.plain < job.plainTotal) {
					throw new Unavailable(`The connection ended inside ${ref.key}`, ref);
				}
			},
			{signal, retry: options.retry},
		);
		meter.phase('verifying', head.bytes);
		const sha256 = parts.plainHash.digest('hex');
		if (job.expectedSha256 && sha256 !== job.expectedSha256) {
			throw new VerificationFailed(
				`${ref.key} decrypted to content with SHA-256 ${sha256}, not the ${job.expectedSha256} ` +
					'recorded for it: segments are missing, reordered or not the ones that were sent. ' +
					'Nothing was kept',
				{path: job.plain.path, ...ref},
			);
		}
		await parts.plain.sync();
		if (parts.cipher) await parts.cipher.sync();
		await parts.close();
		await placeFile(job.plain);
		if (job.cipher) await placeFile(job.cipher);
		else await rm(`${job.plain.path}.c4gh.part`, {force: true}); // left by an older version
		await job.journal.remove();
		meter.finish();
		return {
			path: job.plain.path,
			bytes: job.plainTotal,
			sha256,
			verifiedBy: job.expectedSha256 ? 'sha256' : 'none',
			skipped: false,
			resumedBytes: parts.segment * segmentSize,
		};
	} catch (error) {
		if (
			error instanceof Crypt4ghError ||
			error instanceof VerificationFailed ||
			error instanceof NotFound ||
			error instanceof Conflict
		) {
			keepParts = false;
		}
		await parts.close();
		if (!keepParts) await discardParts(job);
		if (signal?.aborted) throw signal.reason;
		if (isTransient(error)) {
			throw new TransferFailed(
				`Download of ${ref.key} failed: ${(error as Error).message}. What was decrypted so far ` +
					`is kept in ${job.plain.partPath}: download again to continue`,
				{path: job.plain.path, ...ref, cause: error},
			);
		}
		throw error;
	}
}

/**
 * One GET from the segment at `position.plain`, through the opener into the plaintext part;
 * `position.plain` follows what is on disk, also when the GET breaks off.
 */
async function receiveSegments(
	job: StreamingDecrypt,
	parts: OpenedParts,
	position: {plain: number},
	headerLength: number,
	onBytes: (bytes: number) => void,
): Promise<void> {
	const {store, ref, head} = job;
	const plainStart = position.plain;
	if (plainStart % segmentSize !== 0) {
		// A write failed inside a segment: only a rerun, which hashes the part again, continues.
		throw new TransferFailed(
			`The download of ${ref.key} stopped inside a segment: download again to continue`,
			{path: job.plain.path, ...ref},
		);
	}
	const segment = plainStart / segmentSize;
	const start = headerLength + segment * cipherSegmentSize;
	if (parts.cipher) await parts.cipher.truncate(start);
	const {body} = await store.get(ref, {
		range: {start},
		ifMatch: head.etag,
		signal: job.options.signal,
	});
	const tee = cipherTee({
		ref,
		expected: head.bytes - start,
		onBytes,
		copy: parts.cipher && {handle: parts.cipher, position: start},
	});
	const opener = createOpenStream({
		sessionKeys: job.sessionKeys,
		headerLength,
		firstSegment: segment,
		source: ref.key,
	});
	const writer = partWriter(parts.plain, plainStart, (chunk) => parts.plainHash.update(chunk), {
		partPath: job.plain.partPath,
		label: `the download of ${ref.key}`,
	});
	try {
		await pipeline(body, tee, opener, writer, {signal: job.options.signal});
	} finally {
		await writer.settled();
		await tee.settled();
		position.plain = writer.position();
	}
}

async function discardParts(job: StreamingDecrypt): Promise<void> {
	await rm(job.plain.partPath, {force: true});
	if (job.cipher) await rm(job.cipher.partPath, {force: true});
	await job.journal.remove();
}
