import {readFile} from 'node:fs/promises';
import {basename} from 'node:path';
import type {Secret} from '../credentials/secret.js';
import {writePrivateFile} from '../util/write-private-file.js';
import {InvalidFormat} from './errors.js';
import {fingerprint} from './fingerprint.js';
import {
	checkKeyName,
	defaultKeyName,
	keyPaths,
	keysFolder,
	listKeys,
	saveKeyPair,
} from './key-store.js';
import {readPrivateKey, writePrivateKey, type AskPassphrase} from './private-key.js';
import {readPublicKey, writePublicKey} from './public-key.js';
import {newSecretKey, publicKeyOf} from './x25519.js';

/** What the key commands report about a key (JSON-friendly: no key material but the public key). */
export type KeyReport = {
	name: string;
	fingerprint: string;
	publicKey: string;
	publicKeyFile: string;
	privateKeyFile?: string;
	protected?: boolean;
};

function report(
	name: string,
	publicKey: Buffer,
	paths: {secret?: string; public: string},
	isProtected?: boolean,
): KeyReport {
	return {
		name,
		fingerprint: fingerprint(publicKey),
		publicKey: writePublicKey(publicKey),
		publicKeyFile: paths.public,
		privateKeyFile: paths.secret,
		protected: isProtected,
	};
}

/** `keys generate`: a new pair in the reference's format, locked with the passphrase (scrypt). */
export async function generateKey(options: {
	name?: string;
	comment?: string;
	passphrase: Secret | undefined;
	folder?: string;
}): Promise<KeyReport> {
	const name = checkKeyName(options.name ?? defaultKeyName);
	const secretKey = newSecretKey();
	const publicKey = publicKeyOf(secretKey);
	const paths = await saveKeyPair(
		name,
		{
			secret: await writePrivateKey(secretKey, options.passphrase, options.comment),
			public: writePublicKey(publicKey),
		},
		{folder: options.folder},
	);
	secretKey.fill(0);
	return report(name, publicKey, paths, options.passphrase !== undefined);
}

/** `keys show`: the public key and its fingerprint (no passphrase needed). */
export async function showKey(options: {name?: string; folder?: string}): Promise<KeyReport> {
	const name = options.name ?? (await soleOrDefaultKey(options.folder));
	const paths = keyPaths(name, options.folder);
	const text = await readFile(paths.public, 'utf8').catch(() => {
		throw new InvalidFormat(
			`No public key named "${name}" (${paths.public}): see ivjm keys generate`,
		);
	});
	return report(name, readPublicKey(text, paths.public), {public: paths.public});
}

/**
 * `keys import FILE`: a private key (kept as it is, with its passphrase and KDF, once it has been
 * unlocked to prove it is whole, and its public key written beside it), or someone's public key
 * (kept to encrypt to them by name).
 */
export async function importKey(options: {
	file: string;
	name?: string;
	ask: AskPassphrase;
	folder?: string;
}): Promise<KeyReport> {
	const text = await readFile(options.file, 'utf8');
	const name = checkKeyName(options.name ?? basename(options.file).replace(/\.(sec|pub|key)$/, ''));
	const folder = options.folder ?? keysFolder();
	if (/^-----BEGIN [A-Z0-9 ]*PUBLIC KEY-----/m.test(text.trimStart())) {
		const publicKey = readPublicKey(text, options.file);
		const paths = keyPaths(name, folder);
		if ((await listKeys(folder)).includes(name)) {
			throw new InvalidFormat(
				`A key pair named "${name}" exists already: import the public key under another name`,
			);
		}
		await writePrivateFile(paths.public, writePublicKey(publicKey));
		return report(name, publicKey, {public: paths.public});
	}
	const key = await readPrivateKey(text, options.file, options.ask);
	key.secretKey.fill(0);
	const paths = await saveKeyPair(
		name,
		{secret: text, public: writePublicKey(key.publicKey)},
		{folder},
	);
	return report(name, key.publicKey, paths, key.kdf !== 'none');
}

/** The key to use when none is named: `default`, else the only one there is. */
export async function soleOrDefaultKey(folder?: string): Promise<string> {
	const names = await listKeys(folder);
	if (names.includes(defaultKeyName)) return defaultKeyName;
	if (names.length === 1) return names[0]!;
	if (names.length === 0) {
		throw new InvalidFormat(
			'You have no Crypt4GH key yet: make one with ivjm keys generate, or ivjm keys import --file FILE',
		);
	}
	throw new InvalidFormat(`You have several keys (${names.join(', ')}): say which with --key`);
}
