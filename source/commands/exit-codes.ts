import {InvalidName} from '../protocol/names.js';
import {UsageError} from './command-helpers.js';
import {
	Conflict,
	Forbidden,
	NotFound,
	StorageError,
	Unauthorized,
} from '../storage/errors/index.js';

/** Exit codes of the subcommands: stable, documented in the readme. */
export const exitCodes = {
	ok: 0,
	failure: 1,
	usage: 2,
	auth: 3,
	notFound: 4,
	conflict: 5,
	transfer: 6,
} as const;

/** The exit code that tells a script what kind of failure `error` is. */
export function exitCodeFor(error: unknown): number {
	if (error instanceof UsageError || error instanceof InvalidName) return exitCodes.usage;
	if (error instanceof Unauthorized || error instanceof Forbidden) return exitCodes.auth;
	if (error instanceof NotFound) return exitCodes.notFound;
	if (error instanceof Conflict) return exitCodes.conflict;
	if (error instanceof StorageError) return exitCodes.transfer;
	return exitCodes.failure;
}
