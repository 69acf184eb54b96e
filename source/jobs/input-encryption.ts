import {fingerprint} from '../crypt4gh/fingerprint.js';
import {KnownKeys} from '../crypt4gh/known-keys.js';
import {describeHolder, fetchPublishedKey} from '../crypt4gh/published-keys.js';
import type {ObjectStore} from '../storage/store.js';

/** One target biobank's published key, as the inputs are encrypted to it. */
export type InputRecipient = {
	biobank: string;
	fingerprint: string;
	publicKey: Uint8Array;
	/** Seen for the first time by this user: recorded, and worth showing. */
	firstUse: boolean;
};

/**
 * How a submit sends the requester's inputs: encrypted to every target biobank's published key,
 * or as they are, with the reason in words the requester reads before anything is uploaded.
 */
export type InputEncryption =
	| {kind: 'encrypted'; recipients: InputRecipient[]}
	| {kind: 'plain'; reason: string; withoutKey: string[]};

export type InputEncryptionOptions = {
	/** The requester asked for plain inputs (`--plain-inputs`). */
	plain?: boolean;
	known?: KnownKeys;
	signal?: AbortSignal;
};

/**
 * Encrypted when every target biobank has published a key (on by default), else plain: inputs
 * are one object for every target, and a biobank without a key (one still on the Python tools,
 * which cannot decrypt) could not read them. A published key that differs from the one this user
 * encrypted to before for that biobank is refused (KeyChanged) before anything is sent.
 */
export async function decideInputEncryption(
	store: ObjectStore,
	bucket: string,
	biobanks: readonly string[],
	options: InputEncryptionOptions = {},
): Promise<InputEncryption> {
	if (options.plain) {
		return {
			kind: 'plain',
			reason: 'the inputs are uploaded unencrypted, as asked (--plain-inputs)',
			withoutKey: [],
		};
	}
	const keys = await Promise.all(
		biobanks.map(async (biobank) => ({
			biobank,
			key: await fetchPublishedKey(store, bucket, {kind: 'biobank', biobank}, options.signal),
		})),
	);
	const withoutKey = keys.filter((entry) => !entry.key).map((entry) => entry.biobank);
	if (withoutKey.length > 0)
		return {kind: 'plain', reason: plainReason(withoutKey, biobanks), withoutKey};
	const known = options.known ?? new KnownKeys();
	const recipients: InputRecipient[] = [];
	// One at a time: each check may write the known-keys file.
	for (const {biobank, key} of keys) {
		const name = describeHolder({kind: 'biobank', biobank});
		const check = await known.require(name, key!, `ivjm keys trust --biobank ${biobank}`);
		recipients.push({
			biobank,
			fingerprint: fingerprint(key!),
			publicKey: key!,
			firstUse: check.status === 'first-use',
		});
	}
	return {kind: 'encrypted', recipients};
}

function plainReason(withoutKey: readonly string[], biobanks: readonly string[]): string {
	const names = withoutKey.join(', ');
	const verb = withoutKey.length === 1 ? 'has' : 'have';
	const others = biobanks.filter((biobank) => !withoutKey.includes(biobank));
	const some =
		others.length > 0 ? ` (${others.join(', ')} ${others.length === 1 ? 'has' : 'have'} one)` : '';
	return (
		`${names} ${verb} published no Crypt4GH key${some}, and a biobank still on the Python tools cannot decrypt: ` +
		'the inputs are uploaded unencrypted, readable by every member of the project'
	);
}

/** Biobank → fingerprint, as the task.json's `encryption` note names the recipients. */
export function recipientFingerprints(
	recipients: readonly InputRecipient[],
): Record<string, string> {
	return Object.fromEntries(
		recipients.map((recipient) => [recipient.biobank, recipient.fingerprint]),
	);
}

/** One line for the requester: what happens to the inputs, and to whom they are encrypted. */
export function describeInputEncryption(encryption: InputEncryption): string {
	if (encryption.kind === 'plain') return `Inputs not encrypted: ${encryption.reason}.`;
	const keys = encryption.recipients.map(
		(recipient) =>
			`${recipient.biobank} ${recipient.fingerprint}${recipient.firstUse ? ' (first use, recorded)' : ''}`,
	);
	return `Inputs encrypted (Crypt4GH) to the published keys of ${keys.join(', ')}.`;
}
