import {createReadStream} from 'node:fs';
import {lstat, rm} from 'node:fs/promises';
import {createHash} from 'node:crypto';
import {resolve} from 'node:path';
import {pipeline} from 'node:stream/promises';
import {Conflict} from '../storage/errors/index.js';
import type {ObjectRef, ObjectStore} from '../storage/store.js';
import {defaultJournalFolder, downloadJournalSchema, journalFile} from '../transfer/journal.js';
import {downloadTarget, type DownloadTarget} from '../transfer/safe-file.js';
import type {DownloadObject, DownloadOptions, DownloadResult} from '../transfer/transfer.js';
import {decryptFile} from './decrypt-file.js';
import {encryptedSuffix, plainBytesMetadata, plainSha256Metadata} from './encrypting-upload.js';
import {InvalidFormat} from './errors.js';
import type {KeyPair} from './private-key.js';
import {readRemoteHeader} from './remote-header.js';
import {plainSizeOf} from './segment-offsets.js';
import {streamingDecrypt} from './streaming-decrypt.js';

export type DecryptingOptions = {
	/** Keep the downloaded `.c4gh` file beside the plaintext (as `--keep-encrypted`). */
	keepEncrypted?: boolean;
};

/** The object is replaced while we read it: start over this many times, then give up. */
const changedRestarts = 2;

/**
 * A download that decrypts: an object named `….c4gh` is decrypted with `keys` while it arrives
 * (`streaming-decrypt.ts`) to `<name>`, mode 0600, renamed into place only once every segment
 * authenticated and the plaintext has the SHA-256 recorded at upload; a rerun continues from the
 * last whole segment. Other objects are downloaded as they are. A plaintext already there with
 * the recorded SHA-256 is not fetched again.
 */
export function decryptingDownload(
	download: DownloadObject,
	keys: () => Promise<KeyPair[]>,
	settings: DecryptingOptions = {},
): DownloadObject {
	return async (store, ref, folder, relativePath, options = {}) => {
		if (!ref.key.endsWith(encryptedSuffix))
			return download(store, ref, folder, relativePath, options);
		options.signal?.throwIfAborted();
		const plainRelative = relativePath.endsWith(encryptedSuffix)
			? relativePath.slice(0, -encryptedSuffix.length)
			: relativePath;
		const plain = downloadTarget(resolve(folder), plainRelative);
		const cipher = settings.keepEncrypted
			? downloadTarget(resolve(folder), `${plainRelative}${encryptedSuffix}`)
			: undefined;
		const fetch = {store, ref, plain, cipher, keys, options, download, folder};
		for (let restart = 0; ; restart++) {
			try {
				return await decryptOnce(fetch);
			} catch (error) {
				if (options.signal?.aborted) throw options.signal.reason;
				// The object changed between our HEAD and a GET: the parts were of the old version.
				if (!(error instanceof Conflict) || restart >= changedRestarts) throw error;
			}
		}
	};
}

type Fetch = {
	store: ObjectStore;
	ref: ObjectRef;
	plain: DownloadTarget;
	cipher?: DownloadTarget;
	keys: () => Promise<KeyPair[]>;
	options: DownloadOptions;
	download: DownloadObject;
	folder: string;
};

async function decryptOnce(fetch: Fetch): Promise<DownloadResult> {
	const {store, ref, plain, cipher, options} = fetch;
	const head = await store.head(ref, {signal: options.signal});
	const recorded = head.metadata[plainSha256Metadata]?.toLowerCase();
	const expected = /^[\da-f]{64}$/.test(recorded ?? '') ? recorded : undefined;
	const there =
		expected &&
		(await sha256Of(plain.path)) === expected &&
		(!cipher || (await lstat(cipher.path).catch(() => undefined))?.isFile());
	if (there) {
		return {
			path: plain.path,
			bytes: Number(head.metadata[plainBytesMetadata] ?? Number.NaN),
			sha256: expected,
			verifiedBy: 'sha256',
			skipped: true,
			resumedBytes: 0,
		};
	}
	const keys = await fetch.keys();
	const header = await readRemoteHeader(store, ref, head, keys, {
		source: ref.key,
		signal: options.signal,
	});
	// ivjm writes no edit list; a file that has one is fetched whole, then decrypted.
	if (header.opened.editList) return fetchThenDecrypt(fetch, keys, expected);
	const plainTotal = plainSizeOf(header.bytes.length, head.bytes);
	if (plainTotal === undefined) {
		throw new InvalidFormat(`${ref.key} has a size no Crypt4GH file can have: it was cut short`);
	}
	return streamingDecrypt({
		store,
		ref,
		head,
		headerBytes: header.bytes,
		sessionKeys: header.opened.sessionKeys,
		plain,
		cipher,
		plainTotal,
		expectedSha256: expected,
		journal: decryptJournal(plain, options),
		options,
	});
}

function decryptJournal(plain: DownloadTarget, options: DownloadOptions) {
	const folder = options.journalFolder ?? defaultJournalFolder();
	return journalFile(folder, 'download', [plain.path, 'crypt4gh'], downloadJournalSchema);
}

/** The `.c4gh` fetched whole (resumable, verified), then decrypted into place. */
async function fetchThenDecrypt(
	fetch: Fetch,
	keys: KeyPair[],
	expected: string | undefined,
): Promise<DownloadResult> {
	const {store, ref, plain, options} = fetch;
	const encrypted = `${plain.relative}${encryptedSuffix}`;
	const fetched = await fetch.download(store, ref, fetch.folder, encrypted, options);
	const decrypted = await decryptFile({
		input: fetched.path,
		out: plain.path,
		keys,
		expectedSha256: expected,
		overwrite: true,
	});
	if (!fetch.cipher) await rm(fetched.path, {force: true});
	return {
		...fetched,
		path: plain.path,
		bytes: decrypted.plainBytes,
		sha256: decrypted.plainSha256,
		verifiedBy: expected ? 'sha256' : fetched.verifiedBy,
		skipped: false,
	};
}

/** The SHA-256 of a plain file at `path`, or undefined when there is none (or it is a link). */
async function sha256Of(path: string): Promise<string | undefined> {
	const found = await lstat(path).catch(() => undefined);
	if (!found?.isFile()) return undefined;
	const hash = createHash('sha256');
	await pipeline(createReadStream(path), hash);
	return hash.digest('hex');
}
