import {ConfigError} from '../config/config-error.js';
import {Crypt4ghError} from '../crypt4gh/errors.js';
import {InvalidPolicy} from '../jobs/analyst/review/review-errors.js';
import {JobError, type JobErrorKind} from '../jobs/job-error.js';
import {InvalidName} from '../protocol/names.js';
import {
	Conflict,
	Forbidden,
	NotFound,
	StorageError,
	Timeout,
	Unauthorized,
	Unavailable,
} from '../storage/errors/index.js';
import {TransferError} from '../transfer/errors/index.js';
import {UsageError} from './kit/usage-error.js';

/** Exit codes of the commands: stable, documented in the readme. */
export const exitCodes = {
	ok: 0,
	failure: 1,
	usage: 2,
	auth: 3,
	notFound: 4,
	conflict: 5,
	transfer: 6,
} as const;

/** The `code` of a JSON error: one word per exit code. */
export type ErrorCode = 'failure' | 'usage' | 'sign-in' | 'not-found' | 'conflict' | 'transfer';

const codeOfKind: Record<JobErrorKind, ErrorCode> = {
	failure: 'failure',
	'not-found': 'not-found',
	conflict: 'conflict',
	transfer: 'transfer',
};

const exitOfCode: Record<ErrorCode, number> = {
	failure: exitCodes.failure,
	usage: exitCodes.usage,
	'sign-in': exitCodes.auth,
	'not-found': exitCodes.notFound,
	conflict: exitCodes.conflict,
	transfer: exitCodes.transfer,
};

/** What kind of failure `error` is, in the words of the JSON error and the exit code. */
export function errorCodeOf(error: unknown): ErrorCode {
	if (error instanceof UsageError || error instanceof InvalidName) return 'usage';
	if (error instanceof JobError) return codeOfKind[error.kind];
	if (error instanceof Unauthorized || error instanceof Forbidden) return 'sign-in';
	if (error instanceof NotFound) return 'not-found';
	if (error instanceof Conflict) return 'conflict';
	if (error instanceof StorageError || error instanceof TransferError) return 'transfer';
	return 'failure';
}

/** The exit code that tells a script what kind of failure `error` is. */
export function exitCodeFor(error: unknown): number {
	return exitOfCode[errorCodeOf(error)];
}

/** A failure the program expects and explains, as opposed to a defect (shown with --debug). */
export function isExpected(error: unknown): boolean {
	return (
		error instanceof UsageError ||
		error instanceof JobError ||
		error instanceof StorageError ||
		error instanceof TransferError ||
		error instanceof ConfigError ||
		error instanceof InvalidName ||
		error instanceof Crypt4ghError ||
		error instanceof InvalidPolicy
	);
}

/** What to do about `error`: its own next step, else the usual one for its kind. */
export function nextStepOf(error: unknown): string | undefined {
	if (error instanceof JobError || error instanceof UsageError) return error.nextStep;
	if (error instanceof Unauthorized && error.name === 'Unauthorized') {
		return 'Sign in again: run `ivjm` in a terminal, or set OS_PASSWORD.';
	}
	if (error instanceof NotFound && error.container && error.key === undefined) {
		return (
			"Check the bucket's name: --bucket, or the project it is named after (`ivjm config` says " +
			"where each setting came from). ivjm never creates it: the project's coordinators do."
		);
	}
	if (error instanceof Forbidden) {
		return "Ask the project's manager for access to the bucket, or name another with --bucket.";
	}
	if (error instanceof Unavailable || error instanceof Timeout) {
		return 'Try again in a moment: a rerun goes on where this one stopped.';
	}
	if (!isExpected(error)) return 'Run it again with --debug to see where it failed, and report it.';
	return undefined;
}
