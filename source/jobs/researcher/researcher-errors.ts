import {JobError} from '../job-error.js';

/** No biobank has delivered results (of this job, or at the biobank asked for) yet. */
export class NothingToDownload extends JobError {
	constructor(jobId: string, biobank?: string) {
		super(jobId, `${jobId} has no results to download${biobank ? ` from ${biobank}` : ''} yet.`, {
			kind: 'conflict',
			nextStep: `\`ivjm show ${jobId}\` says where each biobank stands; results come once one is ready.`,
		});
	}
}

/** Some objects of a job could not be deleted; what was deleted stays deleted. */
export class IncompleteDelete extends JobError {
	constructor(jobId: string, failed: number, example: {key?: string; reason?: string}) {
		super(
			jobId,
			`Could not delete ${failed} objects of ${jobId}, e.g. ${example.key}: ${example.reason}`,
			{
				kind: 'transfer',
				nextStep: `Delete it again (\`ivjm delete ${jobId} --yes\`): the rest is removed.`,
			},
		);
	}
}

/** The request breaks the protocol's rules (a field missing for its analysis type…): nothing was sent. */
export class InvalidRequest extends JobError {
	constructor(problems: string) {
		super(undefined, `The request cannot be submitted: ${problems}`, {
			nextStep:
				'Fix the request (the readme, "Commands for scripts", shows each field) and submit again.',
		});
	}
}
