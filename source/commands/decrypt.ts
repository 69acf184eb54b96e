import {decrypt} from '../crypt4gh/local-commands.js';
import {shown} from '../text/display-text.js';
import {defineCommand} from './kit/define-command.js';
import {commandPassphraseSource} from './passphrase-source.js';

/** `ivjm decrypt FILE.c4gh`: a Crypt4GH file to its plaintext, as crypt4gh decrypt. */
export const decryptCommand = defineCommand({
	name: 'decrypt',
	summary: 'decrypt a Crypt4GH file with your private key',
	argument: {name: 'FILE', help: 'the .c4gh file'},
	flags: {
		key: {
			type: 'string',
			value: 'SECKEY',
			help: 'your private key (default: default, or your only key)',
		},
		out: {type: 'string', value: 'PATH', help: 'the plaintext (default FILE without .c4gh)'},
		sender: {type: 'string', value: 'PUBKEY', help: 'accept the file only if this key wrote it'},
	},
	details: [
		'The plaintext (mode 0600) appears only once every segment has authenticated; a tampered segment is named by its byte range and nothing is renamed into place.',
		'The key is unlocked with C4GH_PASSPHRASE when set, else asked on the terminal.',
	],
	async run({argument, flags, out}) {
		const result = await decrypt({
			file: argument,
			key: flags.key,
			out: flags.out,
			sender: flags.sender,
			source: commandPassphraseSource(),
		});
		if (flags.json) return out.json('decrypt', result);
		out.lines(shown`Decrypted ${argument} to ${result.out} (${String(result.bytes)} bytes).`);
	},
});
