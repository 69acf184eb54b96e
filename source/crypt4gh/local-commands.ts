import {decryptFile} from './decrypt-file.js';
import {encryptFile} from './encrypt-file.js';
import {fingerprint} from './fingerprint.js';
import {generateKey, importKey, showKey, soleOrDefaultKey, type KeyReport} from './key-actions.js';
import {loadPrivateKey, loadPublicKey} from './key-store.js';
import {decryptedName, encryptedName} from './output-names.js';
import {newPassphrase, passphraseFor, type PassphraseSource} from './passphrase.js';

/**
 * What `ivjm keys …`, `ivjm encrypt` and `ivjm decrypt` do, apart from parsing flags and printing:
 * the command files stay declarations. Keys are named by a path (with a `/`, or ending in `.sec`
 * / `.pub`) or by the name of a key in the keys folder. Results are JSON-friendly.
 */

export type EncryptResult = {
	out: string;
	bytes: number;
	sha256: string;
	encryptedBytes: number;
	recipients: string[];
	sender: string;
};

export type DecryptResult = {out: string; bytes: number; sha256: string; senders: string[]};

export async function keysGenerate(options: {
	name?: string;
	comment?: string;
	/** Leave the private key unprotected (crypt4gh-keygen --nocrypt). */
	noPassphrase?: boolean;
	source: PassphraseSource;
	folder?: string;
}): Promise<KeyReport> {
	const passphrase = options.noPassphrase ? undefined : await newPassphrase(options.source, false);
	return generateKey({
		name: options.name,
		comment: options.comment,
		passphrase,
		folder: options.folder,
	});
}

export async function keysShow(options: {name?: string; folder?: string}): Promise<KeyReport> {
	return showKey(options);
}

export async function keysImport(options: {
	file: string;
	name?: string;
	source: PassphraseSource;
	folder?: string;
}): Promise<KeyReport> {
	return importKey({...options, ask: () => passphraseFor(options.file, options.source)});
}

export async function encrypt(options: {
	file: string;
	recipients: string[];
	/** The sender's private key; without it, a key made for this file alone. */
	key?: string;
	out?: string;
	source: PassphraseSource;
	folder?: string;
}): Promise<EncryptResult> {
	const recipients = await Promise.all(
		options.recipients.map((recipient) => loadPublicKey(recipient, options.folder)),
	);
	const sender = options.key
		? await loadPrivateKey(
				options.key,
				() => passphraseFor(options.key!, options.source),
				options.folder,
			)
		: undefined;
	const result = await encryptFile({
		input: options.file,
		out: options.out ?? encryptedName(options.file),
		recipients,
		sender,
	});
	sender?.secretKey.fill(0);
	return {
		out: result.out,
		bytes: result.plainBytes,
		sha256: result.plainSha256,
		encryptedBytes: result.encryptedBytes,
		recipients: recipients.map((key) => fingerprint(key)),
		sender: fingerprint(result.senderPublicKey),
	};
}

export async function decrypt(options: {
	file: string;
	key?: string;
	out?: string;
	/** Accept the file only if this public key wrote it. */
	sender?: string;
	source: PassphraseSource;
	folder?: string;
}): Promise<DecryptResult> {
	const keyName = options.key ?? (await soleOrDefaultKey(options.folder));
	const out = options.out ?? decryptedName(options.file);
	const key = await loadPrivateKey(
		keyName,
		() => passphraseFor(keyName, options.source),
		options.folder,
	);
	const expectedSender = options.sender
		? await loadPublicKey(options.sender, options.folder)
		: undefined;
	try {
		const result = await decryptFile({input: options.file, out, keys: [key], expectedSender});
		return {
			out: result.out,
			bytes: result.plainBytes,
			sha256: result.plainSha256,
			senders: result.senders.map((sender) => fingerprint(sender)),
		};
	} finally {
		key.secretKey.fill(0);
	}
}
