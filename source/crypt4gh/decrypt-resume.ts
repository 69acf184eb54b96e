import {createHash, type Hash} from 'node:crypto';
import type {FileHandle} from 'node:fs/promises';
import {forEachChunk} from '../transfer/file-digest.js';
import type {DownloadJournal, JournalFile} from '../transfer/journal.js';
import type {ProgressMeter} from '../transfer/progress-meter.js';
import {checkParents, openPart, partSize, type DownloadTarget} from '../transfer/safe-file.js';
import type {ObjectHead, ObjectRef} from '../storage/store.js';
import {cipherSegmentSize, segmentSize} from './segment-offsets.js';

export type DecryptParts = {
	ref: ObjectRef;
	head: ObjectHead;
	headerBytes: Buffer;
	/** The plaintext's final name; its bytes go to `partPath` first. */
	plain: DownloadTarget;
	/** The `.c4gh` copy, with `--keep-encrypted`. */
	cipher?: DownloadTarget;
	plainTotal: number;
	journal: JournalFile<DownloadJournal>;
	mode: number;
	signal?: AbortSignal;
};

export type OpenedParts = {
	plain: FileHandle;
	cipher?: FileHandle;
	/** The first segment still to fetch: every one before it is in the part files. */
	segment: number;
	/** SHA-256 of the plaintext kept so far, to be continued with the rest. */
	plainHash: Hash;
	close(): Promise<void>;
};

/**
 * Opens the `.part` files of a decrypting download. A rerun of the same object version (the
 * journal says which) keeps every whole segment both parts hold: segments are sealed on their
 * own, so segment k starts at plaintext byte k × 64 KiB and at header + k × (64 KiB + 28) in
 * the object, and the kept plaintext only needs hashing again. Anything else starts afresh.
 */
export async function openDecryptParts(
	parts: DecryptParts,
	meter: ProgressMeter,
): Promise<OpenedParts> {
	const {ref, head, plain, cipher, journal} = parts;
	const headerLength = parts.headerBytes.length;
	const note = await journal.read();
	const sameObject =
		note?.path === plain.path &&
		note.container === ref.container &&
		note.key === ref.key &&
		note.etag === head.etag &&
		note.bytes === head.bytes;
	const plainWhole = Math.floor((await partSize(plain.partPath)) / segmentSize);
	const cipherHave = cipher ? await partSize(cipher.partPath) : Number.POSITIVE_INFINITY;
	const cipherWhole =
		cipherHave >= headerLength ? Math.floor((cipherHave - headerLength) / cipherSegmentSize) : 0;
	const segment = sameObject
		? Math.min(plainWhole, cipherWhole, Math.floor(parts.plainTotal / segmentSize))
		: 0;

	await checkParents(plain, true);
	if (cipher) await checkParents(cipher, true);
	const resume = segment > 0;
	const plainHandle = await openPart(plain.partPath, {resume, mode: parts.mode});
	let cipherHandle: FileHandle | undefined;
	try {
		if (cipher) cipherHandle = await openPart(cipher.partPath, {resume, mode: parts.mode});
		await journal.write({
			version: 1,
			kind: 'download',
			path: plain.path,
			container: ref.container,
			key: ref.key,
			etag: head.etag,
			bytes: head.bytes,
		});
		const plainHash = createHash('sha256');
		const kept = segment * segmentSize;
		const read = await forEachChunk(plainHandle, (chunk) => plainHash.update(chunk), {
			length: kept,
			signal: parts.signal,
		});
		if (read !== kept) throw new Error(`${plain.partPath} shrank while it was read`);
		await plainHandle.truncate(kept);
		const cipherKept = headerLength + segment * cipherSegmentSize;
		if (cipherHandle) {
			await cipherHandle.truncate(cipherKept);
			if (!resume) await cipherHandle.write(parts.headerBytes, 0, headerLength, 0);
		}
		meter.found(cipherKept);
		return {
			plain: plainHandle,
			cipher: cipherHandle,
			segment,
			plainHash,
			async close() {
				await plainHandle.close().catch(() => undefined);
				await cipherHandle?.close().catch(() => undefined);
			},
		};
	} catch (error) {
		await plainHandle.close().catch(() => undefined);
		await cipherHandle?.close().catch(() => undefined);
		throw error;
	}
}
