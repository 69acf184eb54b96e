import type {Problem} from '../../protocol/problem.js';
import {formatProblem} from '../../protocol/problem.js';
import type {BiobankStatus} from '../../protocol/status.js';
import {JobError} from '../job-error.js';

/** Another analyst holds the job: who, and since when, as their marker says. */
export class ClaimLost extends JobError {
	readonly by?: string;
	readonly at?: string;
	/**
	 * Where the claim was lost: the job was already claimed (`claimed`), the create-only write was
	 * refused (`create`), or a racing write replaced ours and the read-back told (`read-back`).
	 */
	readonly stage: 'claimed' | 'create' | 'read-back';

	constructor(
		jobId: string,
		biobank: string,
		holder: {by?: string; at?: string},
		stage: ClaimLost['stage'] = 'claimed',
	) {
		super(
			jobId,
			`Job ${jobId} at ${biobank} is already claimed by ${holder.by ?? 'someone else'}` +
				`${holder.at ? ` since ${holder.at}` : ''}.`,
			{
				kind: 'conflict',
				nextStep: `Leave it to ${holder.by ?? 'them'}; if they gave it up, they mark it failed and it can be claimed again.`,
			},
		);
		this.by = holder.by;
		this.at = holder.at;
		this.stage = stage;
	}
}

/** The job is in a state that does not allow the step (ready, cancelled, not submitted…). */
export class WrongStatus extends JobError {
	readonly status: BiobankStatus;

	constructor(jobId: string, status: BiobankStatus, message: string, nextStep?: string) {
		super(jobId, message, {kind: 'conflict', nextStep});
		this.status = status;
	}
}

/** No inbox note addresses this job to the biobank. */
export class NotInInbox extends JobError {
	constructor(jobId: string, biobank: string) {
		super(jobId, `There is no request for job ${jobId} in the inbox of ${biobank}.`, {
			kind: 'not-found',
			nextStep: `\`ivjm inbox --biobank ${biobank}\` lists the requests to ${biobank}.`,
		});
	}
}

/** The task.json (or the inbox note) cannot be used; its problems say why. */
export class InvalidJob extends JobError {
	readonly problems: Problem[];

	constructor(jobId: string, problems: Problem[]) {
		super(jobId, `Job ${jobId} cannot be run: ${problems.map(formatProblem).join('; ')}.`, {
			nextStep: 'Decline it with a reason, or ask the requester to submit it again.',
		});
		this.problems = problems;
	}
}

/** A file of the job would land outside its folder, or through a link: nothing was written. */
export class UnsafeJobPath extends JobError {
	readonly path: string;

	constructor(jobId: string, path: string, reason: string) {
		super(jobId, `Job ${jobId} stopped, nothing was written: ${JSON.stringify(path)}: ${reason}`, {
			nextStep: 'Decline the job with this reason; the requester has to submit it again.',
		});
		this.path = path;
	}
}

/** Declared outputs are not in the job folder: the results cannot be delivered yet. */
export class MissingOutputs extends JobError {
	readonly missing: string[];

	constructor(jobId: string, folder: string, missing: string[]) {
		super(
			jobId,
			`Job ${jobId} cannot be delivered: ${missing.map((path) => JSON.stringify(path)).join(', ')} ` +
				`${missing.length === 1 ? 'is' : 'are'} not in ${folder} (or not a plain file).`,
			{nextStep: 'Put the outputs there (as the task names them), then deliver again.'},
		);
		this.missing = missing;
	}
}

/** A result upload could not be confirmed by reading the object back. */
export class UnverifiedUpload extends JobError {
	constructor(jobId: string, message: string) {
		super(jobId, message, {
			kind: 'transfer',
			nextStep: 'Deliver again: verified files are not sent twice.',
		});
	}
}
