import {Crypt4ghError} from './errors.js';

/** Where `ivjm encrypt FILE` writes without `--out`: beside it, with `.c4gh` added. */
export function encryptedName(input: string): string {
	return `${input}.c4gh`;
}

/** Where `ivjm decrypt FILE.c4gh` writes without `--out`: beside it, without the `.c4gh`. */
export function decryptedName(input: string): string {
	const name = input.replace(/\.c4gh$/i, '');
	if (name === input || name === '' || name.endsWith('/')) {
		throw new Crypt4ghError(
			`${input} does not end in .c4gh: say where the plaintext goes with --out`,
		);
	}
	return name;
}
