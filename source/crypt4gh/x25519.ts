import {
	createHash,
	createPrivateKey,
	createPublicKey,
	diffieHellman,
	randomBytes,
	type KeyObject,
} from 'node:crypto';
import {InvalidFormat} from './errors.js';

/** DER prefixes that wrap a raw 32-byte X25519 key as PKCS#8 and SPKI (RFC 8410). */
const pkcs8Prefix = Buffer.from('302e020100300506032b656e04220420', 'hex');
const spkiPrefix = Buffer.from('302a300506032b656e032100', 'hex');

export const keyLength = 32;

function checkLength(key: Uint8Array, what: string): void {
	if (key.length !== keyLength) {
		throw new InvalidFormat(`A Crypt4GH ${what} is ${keyLength} bytes, not ${key.length}`);
	}
}

export function secretKeyObject(secretKey: Uint8Array): KeyObject {
	checkLength(secretKey, 'secret key');
	return createPrivateKey({
		key: Buffer.concat([pkcs8Prefix, secretKey]),
		format: 'der',
		type: 'pkcs8',
	});
}

export function publicKeyObject(publicKey: Uint8Array): KeyObject {
	checkLength(publicKey, 'public key');
	return createPublicKey({
		key: Buffer.concat([spkiPrefix, publicKey]),
		format: 'der',
		type: 'spki',
	});
}

/** The public key of a raw secret key (libsodium's crypto_scalarmult_base). */
export function publicKeyOf(secretKey: Uint8Array): Buffer {
	const der = createPublicKey(secretKeyObject(secretKey)).export({format: 'der', type: 'spki'});
	return der.subarray(spkiPrefix.length);
}

/**
 * The key that seals a header packet, as libsodium's crypto_kx derives it: the first 32 bytes of
 * BLAKE2b-512(X25519(sk, peer) ‖ reader's public key ‖ writer's public key), the writer being
 * crypto_kx's server (its tx key) and the reader its client (rx). Both ends get the same key.
 * Undefined when the peer's key is a low-order point (the exchange gives no secret).
 */
export function packetKey(
	own: {secretKey: Uint8Array; publicKey: Uint8Array},
	peerPublicKey: Uint8Array,
	role: 'writer' | 'reader',
): Buffer | undefined {
	let shared: Buffer;
	try {
		shared = diffieHellman({
			privateKey: secretKeyObject(own.secretKey),
			publicKey: publicKeyObject(peerPublicKey),
		});
	} catch {
		return undefined; // OpenSSL refuses an all-zero result
	}
	if (shared.every((byte) => byte === 0)) return undefined;
	const [reader, writer] =
		role === 'reader' ? [own.publicKey, peerPublicKey] : [peerPublicKey, own.publicKey];
	return createHash('blake2b512')
		.update(shared)
		.update(reader)
		.update(writer)
		.digest()
		.subarray(0, keyLength);
}

/** A new secret key, as the reference makes one: 32 random bytes (X25519 clamps when it uses it). */
export function newSecretKey(): Buffer {
	return randomBytes(keyLength);
}
