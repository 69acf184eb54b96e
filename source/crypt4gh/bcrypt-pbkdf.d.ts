// The one function of bcrypt-pbkdf 1.0.2 (OpenBSD's bcrypt_pbkdf) that key-derivation.ts uses.
declare module 'bcrypt-pbkdf' {
	const bcryptPbkdf: {
		/** Fills `key` with `keylen` derived bytes; returns 0, or -1 for unusable arguments. */
		pbkdf(
			pass: Uint8Array,
			passlen: number,
			salt: Uint8Array,
			saltlen: number,
			key: Uint8Array,
			keylen: number,
			rounds: number,
		): number;
	};
	export default bcryptPbkdf;
}
