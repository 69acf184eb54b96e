import {createCipheriv, createDecipheriv, randomBytes} from 'node:crypto';
import {nonceLength, tagLength} from './segment-offsets.js';

/** ChaCha20-Poly1305 (IETF, 12-byte nonce), as Crypt4GH uses it everywhere: nonce ‖ ciphertext ‖ tag. */
export function seal(
	key: Uint8Array,
	plaintext: Uint8Array,
	nonce = randomBytes(nonceLength),
): Buffer {
	const cipher = createCipheriv('chacha20-poly1305', key, nonce, {authTagLength: tagLength});
	const body = cipher.update(plaintext);
	cipher.final();
	return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** Opens nonce ‖ ciphertext ‖ tag; undefined when it does not authenticate under `key`. */
export function open(key: Uint8Array, sealed: Uint8Array): Buffer | undefined {
	if (sealed.length < nonceLength + tagLength) return undefined;
	const nonce = sealed.subarray(0, nonceLength);
	const tagStart = sealed.length - tagLength;
	const decipher = createDecipheriv('chacha20-poly1305', key, nonce, {authTagLength: tagLength});
	decipher.setAuthTag(sealed.subarray(tagStart));
	const plaintext = decipher.update(sealed.subarray(nonceLength, tagStart));
	try {
		decipher.final();
	} catch {
		plaintext.fill(0);
		return undefined;
	}
	return plaintext;
}
