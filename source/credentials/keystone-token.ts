import {Unauthorized} from '../storage/errors/index.js';
import type {HttpClient} from '../storage/swift/index.js';

export type TokenFacts = {
	user?: string;
	projectName?: string;
	projectId?: string;
	expiresAt?: Date;
};

type TokenBody = {
	token?: {
		user?: {name?: string};
		project?: {name?: string; id?: string};
		expires_at?: string;
	};
};

/**
 * What Keystone says about a token (its user, project and expiry): a sign-in by project id
 * learns the project's name, which names the bucket; a pre-issued token learns its user.
 */
export async function describeToken(
	http: HttpClient,
	authUrl: string,
	token: string,
): Promise<TokenFacts> {
	const base = new URL(authUrl.replace(/\/+$/u, ''));
	if (!/\/v3$/u.test(base.pathname)) base.pathname = `${base.pathname.replace(/\/+$/u, '')}/v3`;
	const response = await http.send({
		method: 'GET',
		origin: base.origin,
		path: `${base.pathname}/auth/tokens`,
		headers: {'x-auth-token': token, 'x-subject-token': token, accept: 'application/json'},
		idempotent: true,
	});
	if (response.status !== 200) {
		await response.body.dump();
		throw new Unauthorized(
			`Keystone at ${base.href} does not know this token (HTTP ${response.status})`,
			{status: response.status},
		);
	}
	const body = (await response.body.json().catch(() => ({}))) as TokenBody;
	const expires = body.token?.expires_at ? new Date(body.token.expires_at) : undefined;
	return {
		user: body.token?.user?.name,
		projectName: body.token?.project?.name,
		projectId: body.token?.project?.id,
		expiresAt: expires && !Number.isNaN(expires.getTime()) ? expires : undefined,
	};
}
