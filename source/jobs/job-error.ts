/**
 * What kind of failure a job error is, which is what a script branches on: the job or its
 * request is not there, it is in a state that does not allow the step (someone else holds it),
 * a transfer could not be completed, or the job cannot be used as it is.
 */
export type JobErrorKind = 'not-found' | 'conflict' | 'transfer' | 'failure';

export type JobErrorOptions = {kind?: JobErrorKind; nextStep?: string; cause?: unknown};

/**
 * Why a step of either role did not happen, in words a person can act on: what failed (the
 * message) and what to do now (`nextStep`). Every use case of `jobs/` throws these (or the
 * storage and transfer layers' own errors); one class per kind of failure extends it.
 */
export class JobError extends Error {
	readonly jobId?: string;
	readonly kind: JobErrorKind;
	readonly nextStep?: string;

	constructor(jobId: string | undefined, message: string, options: JobErrorOptions = {}) {
		super(message, options.cause === undefined ? undefined : {cause: options.cause});
		this.name = new.target.name;
		this.jobId = jobId;
		this.kind = options.kind ?? 'failure';
		this.nextStep = options.nextStep;
	}
}
