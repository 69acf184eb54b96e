import type {Secret} from '../credentials/secret.js';
import {seal, open} from './aead.js';
import {armour, unarmour} from './armour.js';
import {InvalidFormat, WrongPassphrase} from './errors.js';
import {defaultRounds, deriveKey, isKdfName, newSalt, type KdfName} from './key-derivation.js';
import {keyLength, publicKeyOf} from './x25519.js';

/** An unlocked Crypt4GH key pair. */
export type KeyPair = {secretKey: Buffer; publicKey: Buffer};
export type PrivateKey = KeyPair & {comment?: string; kdf: KdfName | 'none'};

/** What the passphrase comes from: asked only when the key is locked. */
export type AskPassphrase = () => Promise<Secret>;

const magic = Buffer.from('c4gh-v1', 'ascii');
const cipherName = 'chacha20_poly1305';

/** The reference's `string`: a 2-byte big-endian length, then the bytes. */
function encodeString(value: Uint8Array | string): Buffer {
	const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
	if (bytes.length > 0xffff) throw new RangeError('A key field is longer than 65535 bytes');
	const length = Buffer.alloc(2);
	length.writeUInt16BE(bytes.length);
	return Buffer.concat([length, bytes]);
}

class Cursor {
	private offset = 0;
	constructor(
		private readonly data: Buffer,
		private readonly source: string,
	) {}
	atEnd(): boolean {
		return this.offset >= this.data.length;
	}
	take(length: number): Buffer {
		if (this.offset + length > this.data.length) {
			throw new InvalidFormat(`${this.source} is cut short: the key data ends too early`);
		}
		const bytes = this.data.subarray(this.offset, this.offset + length);
		this.offset += length;
		return bytes;
	}
	string(): Buffer {
		return this.take(this.take(2).readUInt16BE(0));
	}
}

/** Reads a private key file; `ask` is called only when the key is protected by a passphrase. */
export async function readPrivateKey(
	text: string,
	source: string,
	ask: AskPassphrase,
): Promise<PrivateKey> {
	const {data} = unarmour(text, source);
	if (data.subarray(0, 14).toString('latin1') === 'openssh-key-v1') {
		throw new InvalidFormat(
			`${source} is an OpenSSH key: this version reads Crypt4GH keys only (make one with ivjm keys generate)`,
		);
	}
	if (!data.subarray(0, magic.length).equals(magic)) {
		throw new InvalidFormat(`${source} is not a Crypt4GH private key (no c4gh-v1 marker)`);
	}
	const cursor = new Cursor(data.subarray(magic.length), source);
	const kdf = cursor.string().toString('latin1');
	if (kdf !== 'none' && !isKdfName(kdf)) {
		throw new InvalidFormat(
			`${source} uses the key derivation "${kdf}", which Crypt4GH does not define`,
		);
	}
	const options = kdf === 'none' ? undefined : cursor.string();
	const cipher = cursor.string().toString('latin1');
	const blob = cursor.string();
	const comment = cursor.atEnd() ? undefined : cursor.string().toString('utf8');
	if ((kdf === 'none') !== (cipher === 'none') || (cipher !== 'none' && cipher !== cipherName)) {
		throw new InvalidFormat(
			`${source}: the key derivation "${kdf}" with the cipher "${cipher}" is not a Crypt4GH key`,
		);
	}
	let secretKey: Buffer;
	if (kdf === 'none') {
		secretKey = Buffer.from(blob);
	} else {
		if (!options || options.length < 4)
			throw new InvalidFormat(`${source}: the key derivation settings are missing`);
		const passphrase = await ask();
		const lock = await deriveKey(
			kdf,
			passphrase.reveal(),
			options.subarray(4),
			options.readUInt32BE(0),
		);
		const opened = open(lock, blob);
		lock.fill(0);
		if (!opened) {
			throw new WrongPassphrase(
				`The passphrase does not unlock ${source} (or the key file is damaged)`,
			);
		}
		secretKey = opened;
	}
	if (secretKey.length !== keyLength) {
		throw new InvalidFormat(
			`${source} holds a ${secretKey.length}-byte key, not a 32-byte X25519 key`,
		);
	}
	return {secretKey, publicKey: publicKeyOf(secretKey), comment, kdf};
}

/**
 * Writes a private key as the reference's crypt4gh-keygen does: scrypt and ChaCha20-Poly1305
 * with a passphrase, or kdf and cipher `none` without one.
 */
export async function writePrivateKey(
	secretKey: Uint8Array,
	passphrase: Secret | undefined,
	comment?: string,
): Promise<string> {
	const parts: Buffer[] = [magic];
	if (passphrase === undefined || passphrase.length === 0) {
		parts.push(encodeString('none'), encodeString('none'), encodeString(secretKey));
	} else {
		const kdf: KdfName = 'scrypt';
		const salt = newSalt();
		const rounds = Buffer.alloc(4);
		rounds.writeUInt32BE(defaultRounds[kdf]);
		const lock = await deriveKey(kdf, passphrase.reveal(), salt, defaultRounds[kdf]);
		const locked = seal(lock, secretKey);
		lock.fill(0);
		parts.push(
			encodeString(kdf),
			encodeString(Buffer.concat([rounds, salt])),
			encodeString(cipherName),
			encodeString(locked),
		);
	}
	if (comment !== undefined) parts.push(encodeString(comment));
	return armour('PRIVATE', Buffer.concat(parts));
}
