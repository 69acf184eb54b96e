import type {Problem} from '../../protocol/problem.js';
import {formatProblem} from '../../protocol/problem.js';
import type {BiobankStatus} from '../../protocol/status.js';

/** Why an analyst's step did not happen, in words a person can act on. One class per kind. */
export class AnalystError extends Error {
	readonly jobId: string;

	constructor(jobId: string, message: string) {
		super(message);
		this.name = new.target.name;
		this.jobId = jobId;
	}
}

/** Another analyst holds the job: who, and since when, as their marker says. */
export class ClaimLost extends AnalystError {
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
		);
		this.by = holder.by;
		this.at = holder.at;
		this.stage = stage;
	}
}

/** The job is in a state that does not allow the step (ready, cancelled, not submitted…). */
export class WrongStatus extends AnalystError {
	readonly status: BiobankStatus;

	constructor(jobId: string, status: BiobankStatus, message: string) {
		super(jobId, message);
		this.status = status;
	}
}

/** No inbox note addresses this job to the biobank. */
export class NotInInbox extends AnalystError {
	constructor(jobId: string, biobank: string) {
		super(jobId, `There is no request for job ${jobId} in the inbox of ${biobank}.`);
	}
}

/** The task.json (or the inbox note) cannot be used; its problems say why. */
export class InvalidJob extends AnalystError {
	readonly problems: Problem[];

	constructor(jobId: string, problems: Problem[]) {
		super(
			jobId,
			`Job ${jobId} cannot be run: ${problems.map(formatProblem).join('; ')}. Decline it with a reason, or ask the requester to submit it again.`,
		);
		this.problems = problems;
	}
}

/** A file of the job would land outside its folder, or through a link: nothing was written. */
export class UnsafeJobPath extends AnalystError {
	readonly path: string;

	constructor(jobId: string, path: string, reason: string) {
		super(jobId, `Job ${jobId} stopped, nothing was written: ${JSON.stringify(path)}: ${reason}`);
		this.path = path;
	}
}

/** Declared outputs are not in the job folder: the results cannot be delivered yet. */
export class MissingOutputs extends AnalystError {
	readonly missing: string[];

	constructor(jobId: string, folder: string, missing: string[]) {
		super(
			jobId,
			`Job ${jobId} cannot be delivered: ${missing.map((path) => JSON.stringify(path)).join(', ')} ` +
				`${missing.length === 1 ? 'is' : 'are'} not in ${folder} (or not a plain file).`,
		);
		this.missing = missing;
	}
}

/** A result upload could not be confirmed by reading the object back. */
export class UnverifiedUpload extends AnalystError {}
