import type {ObjectRef, ObjectStore} from '../storage/store.js';
import type {TransferRetry} from './transfer-retry.js';
import type {UploadEncoding} from './upload-encoding.js';

/**
 * The transfer layer's contract with the use cases (`jobs/`) and, through them, the progress
 * bars. Implemented in `upload-file.ts` and `download-object.ts`.
 */
export type TransferPhase = 'hashing' | 'uploading' | 'downloading' | 'verifying' | 'done';

/** At most ~10 per second per transfer. */
export type TransferProgress = {
	phase: TransferPhase;
	/** Bytes of the whole file moved so far (including bytes found already stored/on disk). */
	done: number;
	total: number;
	/** Bytes per second over the last few seconds; undefined until it can be told. */
	rate?: number;
	etaSeconds?: number;
	/** For segmented uploads: the segment being sent, 1-based, and how many there are. */
	segment?: {index: number; count: number};
};

export type UploadOptions = {
	/** Objects above this size are uploaded as a static large object (default 1 GiB). */
	segmentThreshold?: number;
	/** Default 256 MiB; Swift's limit per segment is 5 GiB. */
	segmentSize?: number;
	/** Segments in flight at once (default 4). */
	parallel?: number;
	contentType?: string;
	metadata?: Record<string, string>;
	/** Where resume journals are kept (default: the user's state folder). */
	journalFolder?: string;
	onProgress?: (progress: TransferProgress) => void;
	signal?: AbortSignal;
	/** How often a failing segment is sent again, and the pauses between (defaults: 5 attempts). */
	retry?: TransferRetry;
	/** What is sent for the file: the file itself (default), or an encoding made on the fly. */
	encoding?: UploadEncoding;
};

export type UploadResult = {
	ref: ObjectRef;
	bytes: number;
	/** Hex SHA-256 of the whole file (the local file: the plaintext when it was encrypted). */
	sha256: string;
	segmented: boolean;
	/** Segments (or bytes) found already stored and verified, not sent again. */
	resumedBytes: number;
	/** Where the segments of a segmented upload are, in `<container>_segments`. */
	segmentPrefix?: string;
	/** Segments of earlier uploads of this object, no longer used, that were deleted. */
	staleSegmentsRemoved?: number;
	/** When what was sent is an encrypted form of the file: the file's own size and SHA-256. */
	plain?: {bytes: number; sha256: string};
};

export type DownloadOptions = {
	/** Verify against this SHA-256 when the object carries none in its metadata. */
	expectedSha256?: string;
	onProgress?: (progress: TransferProgress) => void;
	signal?: AbortSignal;
	/** Permissions of the new file (default 0o600: private whatever the umask). */
	mode?: number;
	/** Where the note of which object version a `.part` file holds is kept (default: as uploads). */
	journalFolder?: string;
	/** How often a failing read is resumed, and the pauses between (defaults: 5 attempts). */
	retry?: TransferRetry;
};

export type DownloadResult = {
	/** Absolute path of the verified file. */
	path: string;
	bytes: number;
	sha256: string;
	/** How it was verified: our SHA-256 metadata, the plain object's MD5 ETag, or not at all. */
	verifiedBy: 'sha256' | 'md5' | 'none';
	/** The file was already there and verified: nothing was downloaded. */
	skipped: boolean;
	resumedBytes: number;
};

/** The metadata name (`X-Object-Meta-Ivjm-Sha256`) holding a file's SHA-256. */
export const sha256MetadataName = 'ivjm-sha256';

export type UploadFile = (
	store: ObjectStore,
	ref: ObjectRef,
	filePath: string,
	options?: UploadOptions,
) => Promise<UploadResult>;

/**
 * Downloads `ref` to `relativePath` under `folder`, which must already exist: the path is
 * resolved with the protocol's safe-path rules, no symlink is followed, the bytes go to a
 * `.part` file renamed into place only after verification.
 */
export type DownloadObject = (
	store: ObjectStore,
	ref: ObjectRef,
	folder: string,
	relativePath: string,
	options?: DownloadOptions,
) => Promise<DownloadResult>;
