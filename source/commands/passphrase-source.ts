import type {PassphraseSource} from '../crypt4gh/passphrase.js';

/** A command asks a key's passphrase as the reference tools do: C4GH_PASSPHRASE, else the terminal. */
export function commandPassphraseSource(): PassphraseSource {
	return {env: process.env, terminal: {input: process.stdin, output: process.stderr}};
}
