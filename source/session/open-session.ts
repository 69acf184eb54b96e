import {connectWithPassword} from '../credentials/swift-connection.js';
import type {Secret} from '../credentials/secret.js';
import {SignInNeeded, noCredentialsMessage} from '../credentials/sign-in-needed.js';
import {hasTerminal, promptLine, promptPassword} from '../credentials/terminal-prompt.js';
import {prepareSignIn, type OpenOptions, type SessionFlags} from './prepare-sign-in.js';
import type {Session} from './session.js';
import {sessionFromSettings} from './session-from-settings.js';
import {signInWithoutAsking} from './sign-in-without-asking.js';

/**
 * The session of a subcommand: the demo or a local store, or Swift with the credentials in the
 * environment, a saved token or a keyring. Lacking them it asks on the terminal, and with no
 * terminal it fails at once with `SignInNeeded` (exit code auth) naming the variables to set.
 */
export async function openSession(
	flags: SessionFlags,
	options: OpenOptions = {},
): Promise<Session> {
	const context = await prepareSignIn(flags, options);
	if ('session' in context) return context.session;
	const terminal = options.terminal ?? {input: process.stdin, output: process.stderr};
	const interactive = hasTerminal(terminal);
	const ask = async (username: string): Promise<Secret> =>
		promptPassword(`Password for ${username} at ${context.target.authUrl}: `, terminal);
	const attempt = await signInWithoutAsking(context, interactive ? ask : undefined);
	if ('connected' in attempt) return sessionFromSettings(attempt.connected, context.settings);
	if (attempt.error) throw attempt.error;
	if (!interactive) {
		const reason = attempt.reason ? `${attempt.reason} ` : '';
		throw new SignInNeeded(`${reason}${noCredentialsMessage(attempt.username)}`);
	}
	const username = attempt.username ?? (await promptLine('CSC user name: ', terminal));
	if (attempt.reason) terminal.output.write(`${attempt.reason}\n`);
	const connected = await connectWithPassword({
		target: context.target,
		username,
		password: await ask(username),
		state: context.state,
	});
	return sessionFromSettings(connected, context.settings);
}
