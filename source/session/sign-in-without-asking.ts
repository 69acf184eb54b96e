import type {PasswordPrompt} from '../credentials/password-prompt.js';
import {Secret} from '../credentials/secret.js';
import {SignInNeeded} from '../credentials/sign-in-needed.js';
import {
	connectWithPassword,
	connectWithSavedToken,
	keyringAccount,
	type Connected,
} from '../credentials/swift-connection.js';
import {StorageError, Unauthorized} from '../storage/errors/index.js';
import type {SignInContext} from './prepare-sign-in.js';

/** Signed in, or why not: the user name known so far, a sentence for the person, an error. */
export type Attempt =
	{connected: Connected} | {username?: string; reason?: string; error?: StorageError};

/**
 * Signs in with what is there, asking no one: a saved token (renewed with the environment's or
 * the keyring's password, or `ask`), the environment's password, the keyring's password.
 */
export async function signInWithoutAsking(
	context: SignInContext,
	ask: ((username: string) => Promise<Secret>) | undefined,
	renewal?: PasswordPrompt,
): Promise<Attempt> {
	const {settings, state, target, username} = context;
	if (username === undefined) return {};
	const fromKeyring = async (): Promise<Secret | undefined> => {
		const {keyring} = await context.keyring();
		const text = await keyring?.get(keyringAccount(target, username)).catch(() => undefined);
		return text === undefined ? undefined : new Secret(text);
	};
	const saved = await state.findToken({...target, username});
	if (saved) {
		try {
			const connected = await connectWithSavedToken({
				target,
				username,
				saved,
				state,
				password: async () =>
					settings.password?.value ??
					(await fromKeyring()) ??
					(ask ? await ask(username) : await renewal?.ask(username, saved.projectName)),
			});
			return {connected};
		} catch (error) {
			if (!(error instanceof SignInNeeded)) return failed(error, username);
			return {username, reason: 'The saved sign-in is no longer accepted: sign in again.'};
		}
	}
	const password = settings.password;
	if (password) {
		try {
			return {
				connected: await connectWithPassword({target, username, password: password.value, state}),
			};
		} catch (error) {
			return failed(error, username, `${password.source.label}: `);
		}
	}
	const remembered = await fromKeyring();
	if (remembered) {
		try {
			return {
				connected: await connectWithPassword({target, username, password: remembered, state}),
			};
		} catch (error) {
			const {keyring} = await context.keyring();
			if (error instanceof Unauthorized) {
				return {
					username,
					reason: `The password kept in ${keyring?.description ?? 'the keyring'} was refused: type it again.`,
				};
			}
			return failed(error, username);
		}
	}
	return {username};
}

function failed(error: unknown, username: string, prefix = ''): Attempt {
	if (!(error instanceof StorageError)) throw error;
	if (prefix) error.message = `${prefix}${error.message}`;
	return {username, error};
}
