import {Unauthorized} from '../storage/errors/index.js';

/** Swift is chosen but ivjm has no password or token to use; the exit code is `auth`. */
export class SignInNeeded extends Unauthorized {}

/** What a script must set when there is no terminal to ask in. */
export function noCredentialsMessage(username?: string): string {
	const user = username ? ` for ${username}` : '';
	return (
		`No password or token${user}, and no terminal to ask in. Set OS_PASSWORD (with OS_USERNAME ` +
		'and OS_PROJECT_NAME or OS_PROJECT_ID), or OS_AUTH_TOKEN and OS_STORAGE_URL (as allas-conf ' +
		'does), or OS_CLOUD naming a clouds.yaml entry with a password; or sign in once in a terminal ' +
		'with `ivjm`, whose token is then reused until it expires.'
	);
}
