import type {EndpointInterfaceName} from '../config/defaults.js';
import type {ProjectRef, Settings} from '../config/settings.js';
import {defaultBucket} from '../protocol/keys.js';
import {Forbidden} from '../storage/errors/index.js';
import {
	createHttpClient,
	createPreissuedTokenAuth,
	createSwiftStore,
	keystoneV3SignIn,
	renewingAuthenticator,
	type Authenticator,
	type HttpClient,
	type Session as SwiftSession,
	type SwiftStore,
} from '../storage/swift/index.js';
import {describeToken} from './keystone-token.js';
import {normalAuthUrl, type SavedToken, type SignInState} from './saved-sign-in.js';
import type {Secret} from './secret.js';
import {SignInNeeded} from './sign-in-needed.js';

/** Where to sign in: everything but who and with what password. */
export type SwiftTarget = {
	authUrl: string;
	userDomain: string;
	projectDomain: string;
	project: ProjectRef;
	region?: string;
	interface: EndpointInterfaceName;
	/** Set explicitly; otherwise `<project name>-intervene-tasks`. */
	bucket?: string;
};

export type Connected = {
	store: SwiftStore;
	bucket: string;
	user: string;
	projectName: string;
	/** "swift a3s.fi · project_2004504": the header's words. */
	location: string;
};

/** Gives the password when a token must be renewed; undefined when there is none to give. */
export type PasswordSource = () => Promise<Secret | undefined>;

export function swiftTarget(
	settings: Settings,
	project: ProjectRef = settings.project.value,
): SwiftTarget {
	return {
		authUrl: settings.authUrl.value,
		userDomain: settings.userDomain.value,
		projectDomain: settings.projectDomain.value,
		project,
		region: settings.region?.value,
		interface: settings.interface.value,
		bucket: settings.bucket?.value,
	};
}

export function keyringAccount(target: Pick<SwiftTarget, 'authUrl'>, username: string): string {
	return `${username}@${normalAuthUrl(target.authUrl)}`;
}

function projectWords(project: ProjectRef): string {
	return project.name ?? `project id ${project.id ?? '?'}`;
}

/** The token pair of CSC's allas-conf (`OS_AUTH_TOKEN` + `OS_STORAGE_URL`): nothing to renew. */
export async function connectWithToken(options: {
	target: SwiftTarget;
	token: Secret;
	storageUrl: string;
	username?: string;
	http?: HttpClient;
}): Promise<Connected> {
	const http = options.http ?? createHttpClient();
	let user = options.username;
	let projectName = options.target.project.name;
	if (user === undefined || projectName === undefined) {
		const facts = await describeToken(http, options.target.authUrl, options.token.reveal()).catch(
			() => undefined,
		);
		user ??= facts?.user;
		projectName ??= facts?.projectName;
	}
	if (user === undefined) {
		throw new SignInNeeded(
			`Keystone at ${options.target.authUrl} could not say whose OS_AUTH_TOKEN this is: set OS_USERNAME to your CSC user name`,
		);
	}
	const auth = createPreissuedTokenAuth({
		token: options.token.reveal(),
		storageUrl: options.storageUrl,
	});
	return checked(
		auth,
		http,
		options.target,
		user,
		projectName ?? projectWords(options.target.project),
	);
}

export type PasswordSignIn = {
	target: SwiftTarget;
	username: string;
	password: Secret;
	state: SignInState;
	http?: HttpClient;
	now?: () => number;
};

/**
 * Signs in with a password now, checks the bucket, and saves the token for the next start. Later
 * renewals use the same password, kept in memory only.
 */
export async function connectWithPassword(options: PasswordSignIn): Promise<Connected> {
	const http = options.http ?? createHttpClient();
	const signIn = passwordSignIn(options, http, async () => options.password);
	const first = await signIn();
	const auth = savingAuthenticator(first.session, signIn, describe(options), options);
	const connected = await checked(auth, http, options.target, options.username, first.projectName);
	// Saved only now: a token that cannot reach the bucket is no sign-in worth keeping.
	await saveToken(options, first);
	return connected;
}

/**
 * Starts from a saved token; when it is refused or runs out, signs in again with the password
 * that `password` finds (the environment, a keyring, a prompt), or fails with `SignInNeeded`.
 */
export async function connectWithSavedToken(
	options: Omit<PasswordSignIn, 'password'> & {saved: SavedToken; password: PasswordSource},
): Promise<Connected> {
	const http = options.http ?? createHttpClient();
	const signIn = passwordSignIn(options, http, options.password);
	const first: SwiftSession = {
		token: options.saved.token,
		storageUrl: options.saved.storageUrl,
		expiresAt: new Date(options.saved.expiresAt),
	};
	const auth = savingAuthenticator(first, signIn, describe(options), options);
	return checked(auth, http, options.target, options.username, options.saved.projectName);
}

type SignedIn = {session: SwiftSession; projectName: string};

function describe(options: {target: SwiftTarget}): string {
	return `Keystone ${options.target.authUrl} ${projectWords(options.target.project)}`;
}

function passwordSignIn(
	options: Omit<PasswordSignIn, 'password'>,
	http: HttpClient,
	password: PasswordSource,
): () => Promise<SignedIn> {
	const {target, username} = options;
	return async () => {
		const secret = await password();
		if (!secret) {
			throw new SignInNeeded(
				`The sign-in of ${username} to ${projectWords(target.project)} has expired and there is no ` +
					'password to renew it: sign in again (start ivjm), or set OS_PASSWORD',
			);
		}
		const session = await keystoneV3SignIn({
			authUrl: target.authUrl,
			username,
			password: secret.reveal(),
			userDomainName: target.userDomain,
			project: target.project.id
				? {id: target.project.id}
				: {name: target.project.name ?? '', domainName: target.projectDomain},
			region: target.region,
			interface: target.interface,
			http,
		})();
		let projectName = target.project.name;
		if (projectName === undefined) {
			const facts = await describeToken(http, target.authUrl, session.token).catch(() => undefined);
			projectName = facts?.projectName ?? projectWords(target.project);
		}
		return {session, projectName};
	};
}

async function saveToken(
	options: Omit<PasswordSignIn, 'password'>,
	signedIn: SignedIn,
): Promise<void> {
	const {target, username, state} = options;
	const {session, projectName} = signedIn;
	const expiresAt = session.expiresAt ?? new Date((options.now ?? Date.now)() + 3600_000);
	await state
		.saveToken({
			authUrl: target.authUrl,
			userDomain: target.userDomain,
			username,
			project: target.project,
			projectName,
			token: session.token,
			storageUrl: session.storageUrl,
			expiresAt: expiresAt.toISOString(),
		})
		// A read-only state folder costs a sign-in next time, nothing more.
		.catch(() => undefined);
}

/** Renews through `signIn`; a saved token that Swift refuses is forgotten on disk too. */
function savingAuthenticator(
	first: SwiftSession,
	signIn: () => Promise<SignedIn>,
	description: string,
	options: Omit<PasswordSignIn, 'password'>,
): Authenticator {
	let unused: SwiftSession | undefined = first;
	const inner = renewingAuthenticator(
		async () => {
			if (unused) {
				const session = unused;
				unused = undefined;
				return session;
			}
			const signedIn = await signIn();
			await saveToken(options, signedIn);
			return signedIn.session;
		},
		{description},
	);
	return {
		description,
		getSession: (options) => inner.getSession(options),
		invalidate(token) {
			inner.invalidate(token);
			if (token === first.token) void options.state.dropToken(token).catch(() => undefined);
		},
	};
}

/** The bucket must answer: a member without object-storage rights gets 403 here, not later. */
async function checked(
	auth: Authenticator,
	http: HttpClient,
	target: SwiftTarget,
	user: string,
	projectName: string,
): Promise<Connected> {
	const bucket = target.bucket ?? defaultBucket(projectName);
	const store = createSwiftStore({auth, http});
	try {
		await store.containerExists(bucket);
	} catch (error) {
		await store.close();
		if (error instanceof Forbidden) {
			throw new Forbidden(
				`${user} signed in to ${projectName}, but Swift refuses access to the bucket ${bucket} ` +
					'(HTTP 403): your role on the project does not include object storage; ask the ' +
					"project's manager to make you a member",
				{status: 403, container: bucket, transId: error.transId},
			);
		}
		throw error;
	}
	const {storageUrl} = await auth.getSession();
	const host = new URL(storageUrl).host;
	return {store, bucket, user, projectName, location: `swift ${host} · ${projectName}`};
}
