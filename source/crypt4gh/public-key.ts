import {armour, unarmour} from './armour.js';
import {InvalidFormat} from './errors.js';
import {keyLength} from './x25519.js';

/** Reads a public key in the reference's format (armoured raw 32-byte X25519 key). */
export function readPublicKey(text: string, source: string): Buffer {
	if (text.trimStart().startsWith('ssh-')) {
		throw new InvalidFormat(
			`${source} is an OpenSSH public key: this version reads Crypt4GH public keys only`,
		);
	}
	const {label, data} = unarmour(text, source);
	if (!label.includes('CRYPT4GH') || label.includes('PRIVATE')) {
		throw new InvalidFormat(`${source} is not a Crypt4GH public key (it says ${label})`);
	}
	if (data.length !== keyLength) {
		throw new InvalidFormat(
			`${source} holds ${data.length} bytes, not a 32-byte X25519 public key`,
		);
	}
	return data;
}

export function writePublicKey(publicKey: Uint8Array): string {
	if (publicKey.length !== keyLength) throw new RangeError('A public key is 32 bytes');
	return armour('PUBLIC', publicKey);
}
