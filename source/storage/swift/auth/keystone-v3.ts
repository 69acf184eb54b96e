import {Forbidden, Unauthorized, Unavailable} from '../../errors/index.js';
import {createHttpClient, header, type HttpClient, type HttpResponse} from '../http.js';
import {errorFromResponse, transId} from '../response-errors.js';
import {objectStoreUrl, type CatalogService, type EndpointChoice} from './catalog.js';
import {renewingAuthenticator, type RenewingOptions} from './renewing-authenticator.js';
import type {Authenticator, Session, SignIn} from './session.js';

/** The project to scope the token to: by name (within a domain) or by id. */
export type KeystoneProject = {name: string; domainName?: string} | {id: string};

export type KeystoneV3Options = EndpointChoice & {
	/** Identity endpoint, e.g. `https://pouta.csc.fi:5001/v3` (`/v3` is added when missing). */
	authUrl: string;
	username: string;
	password: string;
	/** Default: `Default`. */
	userDomainName?: string;
	project: KeystoneProject;
	http?: HttpClient;
} & Pick<RenewingOptions, 'marginMs' | 'now'>;

type TokenBody = {token?: {expires_at?: string; catalog?: CatalogService[]}};
type ProjectsBody = {projects?: Array<{name?: string; id?: string}>};

function projectWords(project: KeystoneProject): string {
	return 'id' in project ? `project id ${project.id}` : `project ${project.name}`;
}

/** Keystone v3 password sign-in, scoped to one project; the storage URL comes from the catalog. */
export function keystoneV3SignIn(options: KeystoneV3Options): SignIn {
	const http = options.http ?? createHttpClient();
	const base = new URL(options.authUrl.replace(/\/+$/, ''));
	if (!/\/v3$/.test(base.pathname)) base.pathname = `${base.pathname.replace(/\/+$/, '')}/v3`;
	const where = `Keystone at ${base.href}`;
	const userDomain = options.userDomainName ?? 'Default';
	const scope =
		'id' in options.project
			? {project: {id: options.project.id}}
			: {
					project: {
						name: options.project.name,
						domain: {name: options.project.domainName ?? 'Default'},
					},
				};
	const user = `${options.username} (domain ${userDomain})`;

	async function requestToken(scoped: boolean): Promise<HttpResponse> {
		const identity = {
			methods: ['password'],
			password: {
				user: {name: options.username, domain: {name: userDomain}, password: options.password},
			},
		};
		return http.send({
			method: 'POST',
			origin: base.origin,
			path: `${base.pathname}/auth/tokens`,
			headers: {'content-type': 'application/json', accept: 'application/json'},
			body: JSON.stringify({auth: scoped ? {identity, scope} : {identity}}),
			// Asking for a token twice is harmless.
			idempotent: true,
		});
	}

	/** Names of the projects the user may use, or none if Keystone will not say. */
	async function projectsOf(token: string): Promise<string[]> {
		const response = await http.send({
			method: 'GET',
			origin: base.origin,
			path: `${base.pathname}/auth/projects`,
			headers: {'x-auth-token': token, accept: 'application/json'},
			idempotent: true,
		});
		if (response.status !== 200) {
			await response.body.dump();
			return [];
		}
		const body = (await response.body.json().catch(() => ({}))) as ProjectsBody;
		return (body.projects ?? []).map((project) => project.name ?? project.id ?? '?');
	}

	/**
	 * Keystone answers 401 alike for a wrong password and for a project that is unknown or not
	 * the user's: an unscoped sign-in tells them apart, and lists the projects the user has.
	 */
	async function refusal(scopedResponse: HttpResponse): Promise<Unauthorized> {
		await scopedResponse.body.dump();
		const details = {status: 401, transId: transId(scopedResponse)};
		const unscoped = await requestToken(false).catch(() => undefined);
		const token = unscoped && header(unscoped.headers, 'x-subject-token');
		await unscoped?.body.dump();
		if (!unscoped || unscoped.status !== 201 || !token) {
			return new Unauthorized(
				`${where} refused the user name or password of ${user}: check them and sign in again`,
				details,
			);
		}
		const projects = await projectsOf(token).catch(() => []);
		const offered =
			projects.length > 0 ? `; projects this user can use: ${projects.join(', ')}` : '';
		return new Unauthorized(
			`${where} accepted ${user} but gives no access to ${projectWords(options.project)}: ` +
				`no such project, or no role on it${offered}`,
			details,
		);
	}

	return async () => {
		const response = await requestToken(true);
		const details = {status: response.status, transId: transId(response)};
		if (response.status === 401) throw await refusal(response);
		if (response.status === 403) {
			await response.body.dump();
			throw new Forbidden(`${where} does not let ${user} sign in`, details);
		}
		if (response.status === 404) {
			await response.body.dump();
			throw new Unauthorized(`${where} knows no ${projectWords(options.project)}`, details);
		}
		if (response.status !== 201 && response.status !== 200) {
			throw await errorFromResponse(response, {action: `sign in to ${where}`});
		}
		const token = header(response.headers, 'x-subject-token');
		const body = (await response.body.json().catch(() => ({}))) as TokenBody;
		if (!token) throw new Unavailable(`${where} answered without a token`, details);
		const session: Session = {token, storageUrl: objectStoreUrl(body.token?.catalog, options)};
		const expires = body.token?.expires_at ? Date.parse(body.token.expires_at) : Number.NaN;
		if (!Number.isNaN(expires)) session.expiresAt = new Date(expires);
		return session;
	};
}

export function createKeystoneV3Auth(options: KeystoneV3Options): Authenticator {
	const project = 'id' in options.project ? options.project.id : options.project.name;
	return renewingAuthenticator(keystoneV3SignIn(options), {
		description: `Keystone ${options.authUrl} ${project}`,
		marginMs: options.marginMs,
		now: options.now,
	});
}
