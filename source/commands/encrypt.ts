import {encrypt} from '../crypt4gh/local-commands.js';
import {shown} from '../text/display-text.js';
import {defineCommand} from './kit/define-command.js';
import {UsageError} from './kit/usage-error.js';
import {commandPassphraseSource} from './passphrase-source.js';

/** `ivjm encrypt FILE --recipient KEY…`: a local file to a Crypt4GH file, as crypt4gh encrypt. */
export const encryptCommand = defineCommand({
	name: 'encrypt',
	summary: 'encrypt a local file with Crypt4GH to the recipients’ public keys',
	argument: {name: 'FILE', help: 'the file to encrypt'},
	flags: {
		recipient: {
			type: 'strings',
			value: 'KEY',
			help: 'a public key file, or the name of one of your keys (one or more)',
		},
		key: {
			type: 'string',
			value: 'SECKEY',
			help: 'sign as this private key (default: a key for this file alone)',
		},
		out: {type: 'string', value: 'PATH', help: 'the encrypted file (default FILE.c4gh)'},
	},
	details: [
		'The output appears only once it is complete and read back: a half-written file is never left under its name.',
		'A locked --key is unlocked with C4GH_PASSPHRASE when set, else asked on the terminal.',
	],
	async run({argument, flags, out}) {
		if (flags.recipient.length === 0)
			throw new UsageError('encrypt needs at least one --recipient KEY');
		const result = await encrypt({
			file: argument,
			recipients: flags.recipient,
			key: flags.key,
			out: flags.out,
			source: commandPassphraseSource(),
		});
		if (flags.json) return out.json('encrypt', result);
		out.lines(
			shown`Encrypted ${argument} (${String(result.bytes)} bytes) to ${result.out} for ${result.recipients.join(', ')}.`,
		);
	},
});
