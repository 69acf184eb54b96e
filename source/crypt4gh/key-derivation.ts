import bcryptPbkdf from 'bcrypt-pbkdf';
import {pbkdf2, randomBytes, scrypt} from 'node:crypto';
import {promisify} from 'node:util';
import {InvalidFormat} from './errors.js';

const scryptAsync = promisify(scrypt) as (
	password: Uint8Array,
	salt: Uint8Array,
	length: number,
	options: {N: number; r: number; p: number},
) => Promise<Buffer>;
const pbkdf2Async = promisify(pbkdf2);

/** The KDFs the reference reads; it writes scrypt (bcrypt only where scrypt is missing). */
export const kdfNames = ['scrypt', 'bcrypt', 'pbkdf2_hmac_sha256'] as const;
export type KdfName = (typeof kdfNames)[number];

export function isKdfName(name: string): name is KdfName {
	return (kdfNames as readonly string[]).includes(name);
}

export const saltLength = 16;
/** The reference's settings: scrypt N=2^14, r=8, p=1 (its rounds field is written as 0). */
const scryptCost = {N: 2 ** 14, r: 8, p: 1};
/** Rounds the reference writes for each KDF. */
export const defaultRounds: Record<KdfName, number> = {
	scrypt: 0,
	bcrypt: 100,
	pbkdf2_hmac_sha256: 100_000,
};
/** More rounds than this in a key file is a damaged file, not a slower key. */
const maxRounds = 100_000_000;

export function newSalt(): Buffer {
	return randomBytes(saltLength);
}

/** The 32-byte key that locks a private key, from the passphrase. */
export async function deriveKey(
	kdf: KdfName,
	passphrase: string,
	salt: Uint8Array,
	rounds: number,
): Promise<Buffer> {
	const password = Buffer.from(passphrase, 'utf8');
	try {
		if (kdf === 'scrypt') return await scryptAsync(password, salt, 32, scryptCost);
		if (rounds < 1 || rounds > maxRounds) {
			throw new InvalidFormat(`The key's ${kdf} rounds (${rounds}) are out of range`);
		}
		if (kdf === 'pbkdf2_hmac_sha256')
			return await pbkdf2Async(password, salt, rounds, 32, 'sha256');
		const key = Buffer.alloc(32);
		if (bcryptPbkdf.pbkdf(password, password.length, salt, salt.length, key, 32, rounds) !== 0) {
			throw new InvalidFormat('bcrypt_pbkdf refused the key (an empty passphrase or salt)');
		}
		return key;
	} finally {
		password.fill(0);
	}
}
