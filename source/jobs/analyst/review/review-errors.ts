import {formatProblem, type Problem} from '../../../protocol/problem.js';
import {JobError} from '../../job-error.js';

/**
 * Why a release did not happen. Each is a refusal a person can act on; `ReleaseRefused` and
 * `ReviewConflict` (and its subclasses) are of kind `conflict` (exit 5 in the commands).
 */

/** Files with blocking findings would leave without a justification: nothing was uploaded. */
export class ReleaseRefused extends JobError {
	/** Each file that needs a justification (or to be held back), with what blocks it. */
	readonly unjustified: Array<{path: string; blocking: string[]}>;

	constructor(jobId: string, unjustified: ReleaseRefused['unjustified']) {
		super(
			jobId,
			`Job ${jobId} was not delivered, nothing left: ${unjustified.map((file) => JSON.stringify(file.path)).join(', ')} ` +
				`${unjustified.length === 1 ? 'has' : 'have'} blocking findings. Hold ${unjustified.length === 1 ? 'it' : 'them'} back, or write why ${unjustified.length === 1 ? 'it' : 'they'} may leave.`,
			{kind: 'conflict'},
		);
		this.unjustified = unjustified;
	}
}

/** The review's decisions do not fit the files: a hold or justification of no such file, an empty reason. */
export class InvalidDecisions extends JobError {
	readonly problems: string[];

	constructor(jobId: string, problems: string[]) {
		super(jobId, `Job ${jobId} was not delivered: ${problems.join('; ')}.`);
		this.problems = problems;
	}
}

/** The review's state does not allow the step: not awaiting review, the wrong person, changed files. */
export class ReviewConflict extends JobError {
	constructor(jobId: string, message: string) {
		super(jobId, message, {kind: 'conflict'});
	}
}

/** The first reviewer cannot be the second: four eyes are two people. */
export class SameReviewer extends ReviewConflict {
	constructor(jobId: string, biobank: string, user: string) {
		super(
			jobId,
			`You (${user}) reviewed ${jobId} at ${biobank} first: another analyst of ${biobank} must approve or return it.`,
		);
	}
}

/** The biobank's policy names who may approve, and this user is not among them. */
export class NotAReviewer extends ReviewConflict {
	constructor(jobId: string, biobank: string, user: string) {
		super(
			jobId,
			`${biobank}'s policy does not name ${user} as a reviewer: ${jobId} was not approved.`,
		);
	}
}

/** A local file is not the one the first reviewer reviewed (or is missing): nothing was uploaded. */
export class ReviewedFilesChanged extends ReviewConflict {
	readonly changed: string[];

	constructor(jobId: string, changed: string[], what: string) {
		super(
			jobId,
			`Job ${jobId} was not released: ${what}: ${changed.map((path) => JSON.stringify(path)).join(', ')}.`,
		);
		this.changed = changed;
	}
}

/** A record of the review in the bucket cannot be read: someone wrote it by hand, or it broke. */
export class InvalidReviewRecord extends JobError {
	readonly key: string;
	readonly problems: Problem[];

	constructor(jobId: string, key: string, problems: Problem[]) {
		super(
			jobId,
			`The review record ${key} is not valid: ${problems.map(formatProblem).join('; ')}.`,
		);
		this.key = key;
		this.problems = problems;
	}
}

/** The biobank's policy object cannot be used: no release goes out under rules nobody can read. */
export class InvalidPolicy extends Error {
	readonly key: string;
	readonly problems: Problem[];

	constructor(key: string, problems: Problem[]) {
		super(
			`The release-review policy ${key} is not valid: ${problems.map(formatProblem).join('; ')}. ` +
				'Fix it (or delete it to use the catalogue rules) before anything is released.',
		);
		this.name = 'InvalidPolicy';
		this.key = key;
		this.problems = problems;
	}
}
