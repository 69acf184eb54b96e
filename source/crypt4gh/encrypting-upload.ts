import {createHash} from 'node:crypto';
import {mkdir, readFile, rm, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {ivjmPaths} from '../config/paths.js';
import type {UploadFile} from '../transfer/transfer.js';
import {writePrivateFile} from '../util/write-private-file.js';
import {encryptFile} from './encrypt-file.js';
import {fingerprint} from './fingerprint.js';

/** The suffix of an object that holds a Crypt4GH file, as the reference's tools name them. */
export const encryptedSuffix = '.c4gh';

/** Metadata of an encrypted object: what its plaintext is, for the reader to verify. */
export const plainSha256Metadata = 'ivjm-plain-sha256';
export const plainBytesMetadata = 'ivjm-plain-bytes';

/** Where files are encrypted before they are sent: ivjm's state folder, never a job folder. */
export function encryptingFolder(): string {
	return join(ivjmPaths().state, 'encrypting');
}

type Note = {
	size: number;
	modifiedMs: number;
	recipients: string[];
	plainSha256: string;
	plainBytes: number;
};

/**
 * An upload that sends a Crypt4GH file of the local file, encrypted to `recipients`, as
 * `<key>.c4gh`, with the plaintext's SHA-256 and size in its metadata; the object's own
 * SHA-256 (of what was sent) is recorded by the upload as for any file. The ciphertext is made
 * in `folder` and kept until the upload has verified: encryption is randomised, so a rerun after
 * an interruption sends the same ciphertext again, and a resumed upload sends only what is
 * missing, unless the file changed meanwhile.
 */
export function encryptingUpload(
	upload: UploadFile,
	recipients: readonly Uint8Array[],
	folder = encryptingFolder(),
): UploadFile {
	if (recipients.length === 0) throw new RangeError('an encrypting upload needs a recipient');
	const names = recipients.map((key) => fingerprint(key));
	return async (store, ref, filePath, options = {}) => {
		const target = {
			...ref,
			key: ref.key.endsWith(encryptedSuffix) ? ref.key : `${ref.key}${encryptedSuffix}`,
		};
		const slot = createHash('sha256').update(`${target.container}/${target.key}`).digest('hex');
		const encrypted = join(folder, `${slot}${encryptedSuffix}`);
		const notePath = `${encrypted}.json`;
		const before = await stat(filePath);
		let note = await readNote(notePath);
		const reusable =
			note?.size === before.size &&
			note.modifiedMs === before.mtimeMs &&
			note.recipients.join() === names.join() &&
			(await stat(encrypted).then(
				(found) => found.isFile(),
				() => false,
			));
		if (!reusable) {
			await mkdir(folder, {recursive: true, mode: 0o700});
			const made = await encryptFile({
				input: filePath,
				out: encrypted,
				recipients: [...recipients],
				overwrite: true,
			});
			note = {
				size: before.size,
				modifiedMs: before.mtimeMs,
				recipients: names,
				plainSha256: made.plainSha256,
				plainBytes: made.plainBytes,
			};
			await writePrivateFile(notePath, JSON.stringify(note));
		}
		const result = await upload(store, target, encrypted, {
			...options,
			metadata: {
				...options.metadata,
				[plainSha256Metadata]: note!.plainSha256,
				[plainBytesMetadata]: String(note!.plainBytes),
			},
		});
		await rm(encrypted, {force: true});
		await rm(notePath, {force: true});
		return {...result, plain: {bytes: note!.plainBytes, sha256: note!.plainSha256}};
	};
}

async function readNote(path: string): Promise<Note | undefined> {
	try {
		return JSON.parse(await readFile(path, 'utf8')) as Note;
	} catch {
		return undefined;
	}
}
