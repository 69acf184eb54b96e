import {soleOrDefaultKey} from '../crypt4gh/key-actions.js';
import {listKeys, loadPrivateKey, loadPublicKey} from '../crypt4gh/key-store.js';
import {decryptingDownload, type DecryptingOptions} from '../crypt4gh/decrypting-download.js';
import {encryptingUpload} from '../crypt4gh/encrypting-upload.js';
import {fingerprint} from '../crypt4gh/fingerprint.js';
import {KnownKeys} from '../crypt4gh/known-keys.js';
import type {KeyPair} from '../crypt4gh/private-key.js';
import {describeHolder, fetchPublishedKey, publishKey} from '../crypt4gh/published-keys.js';
import type {Secret} from '../credentials/secret.js';
import type {ObjectStore} from '../storage/store.js';
import type {DownloadObject, UploadFile} from '../transfer/transfer.js';

/**
 * How a job's results travel: encrypted to the requester's key published with the job, or, for
 * a job without one (its requester is on the Python tools, which cannot decrypt, or has no key),
 * as before. Either way the analyst is told which.
 */
export type ResultsEncryption =
	| {kind: 'encrypted'; holder: string; fingerprint: string; firstUse: boolean}
	| {kind: 'plain'; reason: string};

/** Your own keys: the key folder, and how a locked key's passphrase is had. */
export type OwnKeys = {folder?: string; passphrase: (keyPath: string) => Promise<Secret>};

/**
 * The upload a delivery of `jobId` uses. A requester key that differs from the one this
 * analyst encrypted to before for the same requester is refused (KeyChanged) before anything
 * is sent: anyone in the project can write the bucket.
 */
export async function resultsUpload(
	store: ObjectStore,
	bucket: string,
	jobId: string,
	upload: UploadFile,
	options: {known?: KnownKeys; signal?: AbortSignal} = {},
): Promise<{upload: UploadFile; encryption: ResultsEncryption}> {
	const holder = {kind: 'requester', jobId} as const;
	const key = await fetchPublishedKey(store, bucket, holder, options.signal);
	if (!key) {
		return {
			upload,
			encryption: {
				kind: 'plain',
				reason: `the requester published no Crypt4GH key with ${jobId} (the Python tools publish none): results are sent as they are`,
			},
		};
	}
	const name = describeHolder(holder);
	const check = await (options.known ?? new KnownKeys()).require(
		name,
		key,
		`ivjm keys trust --job ${jobId}`,
	);
	return {
		upload: encryptingUpload(upload, [key]),
		encryption: {
			kind: 'encrypted',
			holder: name,
			fingerprint: check.fingerprint,
			firstUse: check.status === 'first-use',
		},
	};
}

/**
 * Publishes the submitter's own public key with a new job, so its results come back encrypted
 * to it; a user without a key submits as before. Returns the key's fingerprint, if published.
 */
export async function publishRequesterKey(
	store: ObjectStore,
	bucket: string,
	jobId: string,
	keys: {folder?: string} = {},
	signal?: AbortSignal,
): Promise<string | undefined> {
	if ((await listKeys(keys.folder)).length === 0) return undefined;
	const publicKey = await loadPublicKey(await soleOrDefaultKey(keys.folder), keys.folder);
	await publishKey(store, bucket, {kind: 'requester', jobId}, publicKey, signal);
	return fingerprint(publicKey);
}

/**
 * The download for results: `.c4gh` results are decrypted with your key (asked for, and its
 * passphrase, only when an encrypted result is met), other files are downloaded as they are.
 */
export function resultsDownload(
	download: DownloadObject,
	keys: OwnKeys,
	settings: DecryptingOptions = {},
): DownloadObject {
	return decryptingDownload(download, ownKeysLoader(keys), settings);
}

/**
 * The download of a claim's encrypted inputs and the keys it decrypts with: `unlock` loads your
 * key once (a claim calls it before it claims, so the passphrase is asked first).
 */
export function inputsDecrypting(
	download: DownloadObject,
	keys: OwnKeys,
	settings: DecryptingOptions = {},
): {download: DownloadObject; unlock: () => Promise<KeyPair[]>} {
	const unlock = ownKeysLoader(keys);
	return {download: decryptingDownload(download, unlock, settings), unlock};
}

/** Your key, loaded (and its passphrase asked) at the first call; a failure is asked again next time. */
function ownKeysLoader(keys: OwnKeys): () => Promise<KeyPair[]> {
	let loaded: Promise<KeyPair[]> | undefined;
	const ownKeys = async () => {
		const name = await soleOrDefaultKey(keys.folder);
		const key = await loadPrivateKey(name, keys.passphrase, keys.folder);
		return [{secretKey: key.secretKey, publicKey: key.publicKey}];
	};
	return () =>
		(loaded ??= ownKeys().catch((error: unknown) => {
			loaded = undefined;
			throw error;
		}));
}
