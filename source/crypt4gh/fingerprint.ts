import {createHash} from 'node:crypto';

/**
 * How a public key is shown to people: `SHA256:` and the unpadded base64 of the SHA-256 of the
 * raw 32-byte X25519 key, the form ssh-keygen prints, so it reads as a fingerprint at once and
 * two keys that differ never look alike. Crypt4GH itself defines no fingerprint.
 */
export function fingerprint(publicKey: Uint8Array): string {
	const digest = createHash('sha256').update(publicKey).digest('base64');
	return `SHA256:${digest.replace(/=+$/, '')}`;
}
