import type {Authenticator, Session, SessionOptions, SignIn} from './session.js';

export type RenewingOptions = {
	description: string;
	/** Renew this long before the token expires (at most half the token's life). */
	marginMs?: number;
	now?: () => number;
};

/**
 * Caches the session of `signIn`, renews it shortly before it expires and after `invalidate`,
 * and runs one sign-in at a time: every caller waiting meanwhile gets the same session.
 */
export function renewingAuthenticator(signIn: SignIn, options: RenewingOptions): Authenticator {
	const marginMs = options.marginMs ?? 120_000;
	const now = options.now ?? Date.now;
	let current: {session: Session; renewAt: number} | undefined;
	let pending: Promise<Session> | undefined;

	function renew(): Promise<Session> {
		pending ??= (async () => {
			const signedInAt = now();
			try {
				const session = await signIn();
				const expiresAt = session.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
				const margin = Math.min(marginMs, (expiresAt - signedInAt) / 2);
				current = {session, renewAt: expiresAt - margin};
				return session;
			} finally {
				pending = undefined;
			}
		})();
		return pending;
	}

	return {
		description: options.description,
		async getSession({signal}: SessionOptions = {}) {
			signal?.throwIfAborted();
			if (current && now() < current.renewAt) return current.session;
			// The sign-in is shared: one caller's abort must not fail the others.
			return abortable(renew(), signal);
		},
		invalidate(token) {
			if (current?.session.token === token) current = undefined;
		},
	};
}

/** `promise`, or the signal's reason as soon as it aborts. */
export async function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
	if (!signal) return promise;
	signal.throwIfAborted();
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(signal.reason as Error);
		signal.addEventListener('abort', onAbort, {once: true});
	});
	try {
		return await Promise.race([promise, aborted]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}
