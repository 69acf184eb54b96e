import type {UploadFile} from '../transfer/transfer.js';
import {crypt4ghEncoding} from './upload-encoding.js';

/** The suffix of an object that holds a Crypt4GH file, as the reference's tools name them. */
export const encryptedSuffix = '.c4gh';

/** Metadata of an encrypted object: what its plaintext is, for the reader to verify. */
export const plainSha256Metadata = 'ivjm-plain-sha256';
export const plainBytesMetadata = 'ivjm-plain-bytes';

/**
 * An upload that sends a Crypt4GH file of the local file, encrypted to `recipients` on the fly,
 * as `<key>.c4gh`, with the plaintext's SHA-256 and size in its metadata. No ciphertext is
 * written to disk: each segment's range of the file is read, sealed and sent, and a resumed
 * upload seals the missing segments with the session key its journal kept (`upload-encoding.ts`).
 */
export function encryptingUpload(
	upload: UploadFile,
	recipients: readonly Uint8Array[],
): UploadFile {
	const encoding = crypt4ghEncoding(recipients);
	return async (store, ref, filePath, options = {}) => {
		const target = {
			...ref,
			key: ref.key.endsWith(encryptedSuffix) ? ref.key : `${ref.key}${encryptedSuffix}`,
		};
		return upload(store, target, filePath, {...options, encoding});
	};
}
