import {Unauthorized} from '../../errors/index.js';
import type {Authenticator, Session} from './session.js';

export type PreissuedTokenOptions = {
	/** `OS_AUTH_TOKEN`. */
	token: string;
	/** `OS_STORAGE_URL`. */
	storageUrl: string;
};

/**
 * A token issued elsewhere (CSC's `allas-conf` exports `OS_AUTH_TOKEN` and `OS_STORAGE_URL`).
 * It cannot be renewed: once Swift refuses it, every call says to sign in again.
 */
export function createPreissuedTokenAuth(options: PreissuedTokenOptions): Authenticator {
	const session: Session = {token: options.token, storageUrl: options.storageUrl};
	let refused = false;
	return {
		description: `token for ${new URL(options.storageUrl).origin}`,
		async getSession({signal} = {}) {
			signal?.throwIfAborted();
			if (refused) {
				throw new Unauthorized(
					'The storage token (OS_AUTH_TOKEN) has expired or was revoked and cannot be renewed: ' +
						'sign in again (for example run allas-conf, or sign in with your CSC password)',
					{status: 401},
				);
			}
			return session;
		},
		invalidate(token) {
			if (token === options.token) refused = true;
		},
	};
}
