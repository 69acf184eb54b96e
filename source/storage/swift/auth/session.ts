/** What Swift calls need: a token and the account's storage URL. */
export type Session = {
	token: string;
	/** `https://host/v1/AUTH_<project id>`: the account that holds the containers. */
	storageUrl: string;
	expiresAt?: Date;
};

export type SessionOptions = {signal?: AbortSignal};

/**
 * Hands out a valid session and renews it. Concurrent callers share one sign-in; `invalidate`
 * is called with the token Swift refused (401), so the next `getSession` signs in again.
 */
export type Authenticator = {
	/** Human words for the header, without secrets: "Keystone https://… project_2004504". */
	readonly description: string;
	getSession(options?: SessionOptions): Promise<Session>;
	invalidate(token: string): void;
};

/** One sign-in against the identity service: a fresh session or a typed error. */
export type SignIn = () => Promise<Session>;
