import {Unauthorized, Unavailable} from '../../errors/index.js';
import {createHttpClient, header, type HttpClient} from '../http.js';
import {errorFromResponse, transId} from '../response-errors.js';
import {renewingAuthenticator, type RenewingOptions} from './renewing-authenticator.js';
import type {Authenticator, Session, SignIn} from './session.js';

export type TempAuthOptions = {
	/** Swift v1 auth URL, e.g. `http://127.0.0.1:8080/auth/v1.0`. */
	authUrl: string;
	/** `account:user`. */
	user: string;
	key: string;
	http?: HttpClient;
} & Pick<RenewingOptions, 'marginMs' | 'now'>;

/** Swift v1 sign-in (tempauth, swauth, RGW's v1): user and key in headers, token back in headers. */
export function tempAuthSignIn(options: TempAuthOptions): SignIn {
	const http = options.http ?? createHttpClient();
	const url = new URL(options.authUrl);
	return async () => {
		const response = await http.send({
			method: 'GET',
			origin: url.origin,
			path: url.pathname + url.search,
			headers: {'x-auth-user': options.user, 'x-auth-key': options.key},
			idempotent: true,
		});
		const details = {status: response.status, transId: transId(response)};
		if (response.status === 401 || response.status === 403) {
			await response.body.dump();
			throw new Unauthorized(
				`Swift at ${url.origin} refused the sign-in of ${options.user}: wrong user or key`,
				details,
			);
		}
		if (response.status >= 300) {
			throw await errorFromResponse(response, {action: `sign in to Swift at ${url.href}`});
		}
		await response.body.dump();
		const token = header(response.headers, 'x-auth-token');
		const storageUrl = header(response.headers, 'x-storage-url');
		if (!token || !storageUrl) {
			throw new Unavailable(
				`Swift at ${url.href} answered without a token or storage URL`,
				details,
			);
		}
		const session: Session = {token, storageUrl};
		const seconds = Number(header(response.headers, 'x-auth-token-expires'));
		if (Number.isFinite(seconds) && seconds > 0) {
			session.expiresAt = new Date((options.now ?? Date.now)() + seconds * 1000);
		}
		return session;
	};
}

export function createTempAuth(options: TempAuthOptions): Authenticator {
	return renewingAuthenticator(tempAuthSignIn(options), {
		description: `Swift v1 ${options.authUrl} ${options.user}`,
		marginMs: options.marginMs,
		now: options.now,
	});
}
