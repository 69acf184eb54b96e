import {
	Forbidden,
	StorageError,
	Timeout,
	Unauthorized,
	Unavailable,
} from '../../../storage/errors/index.js';
import type {TextFieldName} from './sign-in-state.js';

/** A failed sign-in in words that say what to do, and the field to fix. */
export type SignInProblem = {message: string; field?: TextFieldName};

export function explainSignInError(error: unknown): SignInProblem {
	if (!(error instanceof StorageError)) {
		const text = error instanceof Error ? error.message : String(error);
		return {message: `Sign-in failed unexpectedly: ${text}`};
	}
	const {message} = error;
	if (error instanceof Forbidden) return {message, field: 'project'};
	if (error instanceof Unauthorized) {
		if (
			/gives no access to|knows no project|no object storage|object-store endpoint/u.test(message)
		) {
			return {message: `${message}. Check the project name.`, field: 'project'};
		}
		return {message, field: 'password'};
	}
	if (error instanceof Unavailable && /TLS error/u.test(message)) {
		return {
			message:
				`${message}. If your site uses its own certificate authority, start ivjm with ` +
				'NODE_EXTRA_CA_CERTS=/path/to/ca.pem; check the auth URL too.',
		};
	}
	if (error instanceof Unavailable || error instanceof Timeout) {
		return {
			message:
				`${message}. Check your network connection and the auth URL ` +
				'(OS_AUTH_URL, or authUrl in the config file), then press enter to try again.',
		};
	}
	return {message};
}
