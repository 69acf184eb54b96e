import {chooseStore} from './config/store-choice.js';
import {looksLikeProjectId} from './config/defaults.js';
import {
	loadSettings,
	type ProjectRef,
	type Settings,
	type SettingsFlags,
} from './config/settings.js';
import {findKeyring, noKeyringMessage, type KeyringProbe} from './credentials/keyring.js';
import {SignInState, normalAuthUrl} from './credentials/saved-sign-in.js';
import {Secret} from './credentials/secret.js';
import {SignInNeeded, noCredentialsMessage} from './credentials/sign-in-needed.js';
import {
	connectWithPassword,
	connectWithSavedToken,
	connectWithToken,
	keyringAccount,
	swiftTarget,
	type Connected,
	type SwiftTarget,
} from './credentials/swift-connection.js';
import {
	hasTerminal,
	promptLine,
	promptPassword,
	type Terminal,
} from './credentials/terminal-prompt.js';
import {openDemoStore} from './demo/open-demo-store.js';
import {expandHome} from './config/home-path.js';
import {TaskCache} from './jobs/task-cache.js';
import {TaskCacheFile} from './jobs/task-cache-file.js';
import {ivjmPaths} from './config/paths.js';
import {downloadObject} from './transfer/download-object.js';
import {uploadFile} from './transfer/upload-file.js';
import {StorageError, Unauthorized} from './storage/errors/index.js';
import type {SignInRequest} from './ui/screens/sign-in/sign-in-request.js';
import type {Session} from './ui/session.js';
import {PasswordPrompt} from './credentials/password-prompt.js';

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

/**
 * The TUI starts on a session, or on the sign-in screen when it must ask; with the settings it
 * was started from (the config's role and biobank choose the first screen).
 */
export type Start = ({session: Session} | {signIn: SignInRequest}) & {settings: Settings};

/**
 * The session of a subcommand: the demo or a local store, or Swift with the credentials in the
 * environment, a saved token or a keyring. Lacking them it asks on the terminal, and with no
 * terminal it fails at once with `SignInNeeded` (exit code auth) naming the variables to set.
 */
export async function openSession(
	flags: SessionFlags,
	options: OpenOptions = {},
): Promise<Session> {
	const context = await prepare(flags, options);
	if ('session' in context) return context.session;
	const terminal = options.terminal ?? {input: process.stdin, output: process.stderr};
	const interactive = hasTerminal(terminal);
	const ask = async (username: string): Promise<Secret> =>
		promptPassword(`Password for ${username} at ${context.target.authUrl}: `, terminal);
	const attempt = await withoutAsking(context, interactive ? ask : undefined);
	if ('connected' in attempt) return toSession(attempt.connected, context.settings);
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
	return toSession(connected, context.settings);
}

/** The TUI's start: a session when nothing needs asking, else what the sign-in screen needs. */
export async function startSession(flags: SessionFlags, options: OpenOptions = {}): Promise<Start> {
	const context = await prepare(flags, options);
	if ('session' in context) return context;
	const {target, state, settings} = context;
	// A saved token that runs out mid-session asks for the password over the current screen.
	const renewal = new PasswordPrompt();
	const attempt = await withoutAsking(context, undefined, renewal);
	if ('connected' in attempt) {
		return {session: {...toSession(attempt.connected, settings), renewal}, settings};
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
				return toSession(connected, settings);
			},
		},
	};
}

type Context = {
	settings: Settings;
	state: SignInState;
	target: SwiftTarget;
	username?: string;
	keyring: () => Promise<KeyringProbe>;
};

async function prepare(
	flags: SessionFlags,
	options: OpenOptions,
): Promise<{session: Session; settings: Settings} | Context> {
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
			user: flags.user,
		});
		return {session: toSession(opened, settings), settings};
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
		return {session: toSession(connected, settings), settings};
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

type Attempt = {connected: Connected} | {username?: string; reason?: string; error?: StorageError};

/**
 * Signs in with what is there, asking no one: a saved token (renewed with the environment's or
 * the keyring's password, or `ask`), the environment's password, the keyring's password.
 */
async function withoutAsking(
	context: Context,
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

function toSession(
	opened: Pick<Session, 'store' | 'bucket' | 'user' | 'location'>,
	settings: Settings,
): Session {
	const session = {
		store: opened.store,
		bucket: opened.bucket,
		user: opened.user,
		location: opened.location,
		tasks: new TaskCache({
			file: TaskCacheFile.of(ivjmPaths().cache, opened.store.description, opened.bucket),
		}),
		transfers: {upload: uploadFile, download: downloadObject},
		refreshSeconds: settings.refreshSeconds.value,
		downloadFolder: expandHome(settings.downloadDir.value),
		workFolder: expandHome(settings.workDir.value),
	};
	return session;
}
