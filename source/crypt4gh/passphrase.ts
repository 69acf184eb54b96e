import {Secret} from '../credentials/secret.js';
import {hasTerminal, promptPassword, type Terminal} from '../credentials/terminal-prompt.js';
import {Crypt4ghError} from './errors.js';

/** As the reference tools: the passphrase in this variable is used without asking. */
export const passphraseVariable = 'C4GH_PASSPHRASE';

export type PassphraseSource = {env: NodeJS.ProcessEnv; terminal: Terminal};

async function ask(question: string, terminal: Terminal): Promise<Secret> {
	try {
		return await promptPassword(question, terminal);
	} catch {
		throw new Crypt4ghError('Cancelled: no passphrase was typed');
	}
}

/** The passphrase that unlocks `keyPath`: C4GH_PASSPHRASE, else asked on the terminal (no echo). */
export async function passphraseFor(keyPath: string, source: PassphraseSource): Promise<Secret> {
	const fromEnv = source.env[passphraseVariable];
	if (fromEnv !== undefined) return new Secret(fromEnv);
	if (!hasTerminal(source.terminal)) {
		throw new Crypt4ghError(
			`${keyPath} is protected by a passphrase: set ${passphraseVariable} or run in a terminal`,
		);
	}
	return ask(`Passphrase for ${keyPath}: `, source.terminal);
}

/**
 * The passphrase from C4GH_PASSPHRASE only: where nothing may be asked (the screens own the
 * terminal, or there is none), a locked key says how to unlock it instead.
 */
export async function passphraseFromEnvironment(keyPath: string): Promise<Secret> {
	const fromEnv = process.env[passphraseVariable];
	if (fromEnv !== undefined) return new Secret(fromEnv);
	throw new Crypt4ghError(
		`${keyPath} is protected by a passphrase: set ${passphraseVariable} to decrypt here`,
	);
}

/**
 * A new passphrase: C4GH_PASSPHRASE, else typed twice on the terminal. An empty one leaves the
 * key unprotected, as crypt4gh-keygen --nocrypt does, only when `allowEmpty` says so.
 */
export async function newPassphrase(
	source: PassphraseSource,
	allowEmpty: boolean,
): Promise<Secret | undefined> {
	const fromEnv = source.env[passphraseVariable];
	let passphrase: Secret;
	if (fromEnv !== undefined) {
		passphrase = new Secret(fromEnv);
	} else {
		if (!hasTerminal(source.terminal)) {
			throw new Crypt4ghError(
				`A new key needs a passphrase: set ${passphraseVariable} or run in a terminal`,
			);
		}
		passphrase = await ask('Passphrase for the new key: ', source.terminal);
		const again = await ask('The same passphrase again: ', source.terminal);
		if (again.reveal() !== passphrase.reveal())
			throw new Crypt4ghError('The two passphrases differ: nothing was written');
	}
	if (passphrase.length > 0) return passphrase;
	if (allowEmpty) return undefined;
	throw new Crypt4ghError('An empty passphrase would leave the private key unprotected: type one');
}
