import {createReadStream} from 'node:fs';
import {lstat, rm} from 'node:fs/promises';
import {createHash} from 'node:crypto';
import {pipeline} from 'node:stream/promises';
import {resolveInJobFolder} from '../protocol/safe-path.js';
import type {DownloadObject} from '../transfer/transfer.js';
import {decryptFile} from './decrypt-file.js';
import {encryptedSuffix, plainBytesMetadata, plainSha256Metadata} from './encrypting-upload.js';
import {Crypt4ghError} from './errors.js';
import type {KeyPair} from './private-key.js';

export type DecryptingOptions = {
	/** Keep the downloaded `.c4gh` file beside the plaintext (as `--keep-encrypted`). */
	keepEncrypted?: boolean;
};

/**
 * A download that decrypts: an object named `….c4gh` is fetched (resumable and verified as any
 * object) to `<name>.c4gh`, then decrypted with `keys` to `<name>`, mode 0600, renamed into
 * place only once every segment authenticated and the plaintext has the SHA-256 recorded at
 * upload. Other objects are downloaded as they are. A plaintext already there with the
 * recorded SHA-256 is not fetched again.
 */
export function decryptingDownload(
	download: DownloadObject,
	keys: () => Promise<KeyPair[]>,
	settings: DecryptingOptions = {},
): DownloadObject {
	return async (store, ref, folder, relativePath, options = {}) => {
		if (!ref.key.endsWith(encryptedSuffix))
			return download(store, ref, folder, relativePath, options);
		const plainRelative = relativePath.endsWith(encryptedSuffix)
			? relativePath.slice(0, -encryptedSuffix.length)
			: relativePath;
		const plain = resolveInJobFolder(folder, plainRelative);
		if (!plain.ok) throw new Crypt4ghError(plain.reason);
		const head = await store.head(ref, {signal: options.signal});
		const expected = head.metadata[plainSha256Metadata];
		const expectedBytes = Number(head.metadata[plainBytesMetadata] ?? Number.NaN);
		if (expected && (await sha256Of(plain.path)) === expected) {
			return {
				path: plain.path,
				bytes: expectedBytes,
				sha256: expected,
				verifiedBy: 'sha256',
				skipped: true,
				resumedBytes: 0,
			};
		}
		const fetched = await download(
			store,
			ref,
			folder,
			`${plainRelative}${encryptedSuffix}`,
			options,
		);
		const decrypted = await decryptFile({
			input: fetched.path,
			out: plain.path,
			keys: await keys(),
			expectedSha256: expected,
			overwrite: true,
		});
		if (!settings.keepEncrypted) await rm(fetched.path, {force: true});
		return {
			...fetched,
			path: plain.path,
			bytes: decrypted.plainBytes,
			sha256: decrypted.plainSha256,
			verifiedBy: expected ? 'sha256' : fetched.verifiedBy,
			skipped: false,
		};
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
