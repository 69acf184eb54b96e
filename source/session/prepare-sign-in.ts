import {looksLikeProjectId} from '../config/defaults.js';
import {loadSettings, type Settings, type SettingsFlags} from '../config/settings.js';
import {chooseStore} from '../config/store-choice.js';
import {findKeyring, type KeyringProbe} from '../credentials/keyring.js';
import {SignInState, normalAuthUrl} from '../credentials/saved-sign-in.js';
import {connectWithToken, swiftTarget, type SwiftTarget} from '../credentials/swift-connection.js';
import type {Terminal} from '../credentials/terminal-prompt.js';
import {openDemoStore} from '../demo/open-demo-store.js';
import type {Session} from './session.js';
import {sessionFromSettings} from './session-from-settings.js';

export type SessionFlags = SettingsFlags;

export type OpenOptions = {
	environment?: NodeJS.ProcessEnv;
	cwd?: string;
	/** Where a subcommand asks for a password: stdin and stderr, when stdin is a terminal. */
	terminal?: Terminal;
	state?: SignInState;
	keyringTimeoutMs?: number;
	/** Default: `<XDG config>/ivjm/config.json`. */
	configFile?: string;
	/** Where /etc/openstack/clouds.yaml is looked for (tests move it). */
	etc?: string;
};

/** A Swift sign-in still to make: where, as whom (if known), and the keyring, probed once. */
export type SignInContext = {
	settings: Settings;
	state: SignInState;
	target: SwiftTarget;
	username?: string;
	keyring: () => Promise<KeyringProbe>;
};

/**
 * The settings, and the session when no sign-in is needed (the demo or a local store, or a
 * token issued elsewhere); else what a sign-in needs, with the project of the last sign-in on
 * the same server when none is configured.
 */
export async function prepareSignIn(
	flags: SessionFlags,
	options: OpenOptions,
): Promise<{session: Session; settings: Settings} | SignInContext> {
	const environment = options.environment ?? process.env;
	const settings = await loadSettings({
		flags,
		environment,
		cwd: options.cwd,
		configFile: options.configFile,
		etc: options.etc,
	});
	const state = options.state ?? new SignInState();
	const {last} = await state.read();
	const choice = chooseStore(settings, last !== undefined);
	if (choice.kind === 'demo' || choice.kind === 'local') {
		const opened = await openDemoStore({
			store: choice.kind === 'local' ? `local:${choice.root}` : undefined,
			// A folder store is any bucket the person names (as `ivjm config` shows); the demo
			// store holds the demo's.
			bucket: choice.kind === 'local' ? settings.bucket?.value : undefined,
			user: flags.user,
		});
		return {session: sessionFromSettings(opened, settings), settings};
	}
	const sameServer = last && normalAuthUrl(last.authUrl) === normalAuthUrl(settings.authUrl.value);
	const project =
		settings.project.source.kind === 'default' && sameServer && last
			? looksLikeProjectId(last.project)
				? {id: last.project}
				: {name: last.project}
			: settings.project.value;
	const target = swiftTarget(settings, project);
	if (choice.kind === 'swift-token' && settings.token && settings.storageUrl) {
		const connected = await connectWithToken({
			target,
			token: settings.token.value,
			storageUrl: settings.storageUrl.value,
			username: settings.username?.value,
		});
		return {session: sessionFromSettings(connected, settings), settings};
	}
	let probe: Promise<KeyringProbe> | undefined;
	return {
		settings,
		state,
		target,
		username: settings.username?.value ?? (sameServer ? last?.username : undefined),
		keyring: () =>
			(probe ??= findKeyring(settings.keyring.value, {timeoutMs: options.keyringTimeoutMs})),
	};
}
