import {looksLikeProjectId} from '../config/defaults.js';
import type {ProjectRef, Settings} from '../config/settings.js';
import {noKeyringMessage, type KeyringProbe} from '../credentials/keyring.js';
import {PasswordPrompt} from '../credentials/password-prompt.js';
import type {SignInState} from '../credentials/saved-sign-in.js';
import {Secret} from '../credentials/secret.js';
import {
	connectWithPassword,
	keyringAccount,
	type SwiftTarget,
} from '../credentials/swift-connection.js';
import {prepareSignIn, type OpenOptions, type SessionFlags} from './prepare-sign-in.js';
import type {Session} from './session.js';
import {sessionFromSettings} from './session-from-settings.js';
import type {SignInRequest} from './sign-in-request.js';
import {signInWithoutAsking} from './sign-in-without-asking.js';

/**
 * The TUI starts on a session, or on the sign-in screen when it must ask; with the settings it
 * was started from (the config's role and biobank choose the first screen).
 */
export type Start = ({session: Session} | {signIn: SignInRequest}) & {settings: Settings};

/** The TUI's start: a session when nothing needs asking, else what the sign-in screen needs. */
export async function startSession(flags: SessionFlags, options: OpenOptions = {}): Promise<Start> {
	const context = await prepareSignIn(flags, options);
	if ('session' in context) return context;
	const {target, state, settings} = context;
	// A saved token that runs out mid-session asks for the password over the current screen.
	const renewal = new PasswordPrompt();
	const attempt = await signInWithoutAsking(context, undefined, renewal);
	if ('connected' in attempt) {
		return {session: sessionFromSettings(attempt.connected, settings, renewal), settings};
	}
	const probe = await context.keyring();
	return {
		settings,
		signIn: {
			authUrl: target.authUrl,
			username: attempt.username ?? '',
			project: target.project.name ?? target.project.id ?? '',
			reason: attempt.error?.message ?? attempt.reason,
			keyring: probe.keyring
				? {description: probe.keyring.description}
				: {missing: noKeyringMessage(probe)},
			async submit(form) {
				const project: ProjectRef = looksLikeProjectId(form.project)
					? {id: form.project}
					: {name: form.project};
				const chosen = {...target, project, bucket: settings.bucket?.value};
				const password = new Secret(form.password);
				const connected = await connectWithPassword({
					target: chosen,
					username: form.username,
					password,
					state,
				});
				await rememberChoice(probe, state, chosen, form.username, password, form.remember);
				return sessionFromSettings(connected, settings);
			},
		},
	};
}

/** Keeps the password in the keyring, or removes it, as the person chose on the sign-in screen. */
async function rememberChoice(
	probe: KeyringProbe,
	state: SignInState,
	target: SwiftTarget,
	username: string,
	password: Secret,
	remember: boolean,
): Promise<void> {
	const {keyring} = probe;
	if (!keyring) return;
	const account = keyringAccount(target, username);
	try {
		if (remember) await keyring.set(account, password.reveal());
		else await keyring.remove(account);
		await state.setRemembered(account, remember);
	} catch {
		// Signed in all the same; the password is asked again when the token runs out.
	}
}
