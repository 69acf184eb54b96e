import {parseJobId} from '../../protocol/job-id.js';
import {jobPrefix} from '../../protocol/keys.js';
import {Forbidden} from '../../storage/errors/index.js';

/**
 * Who acts on a job: the signed-in user, and whether they said the job is not theirs on purpose
 * (`--not-mine`: the coordination centre's administrators tidying up another user's job).
 */
export type Actor = {user: string; notMine?: boolean};

/** The CSC user whose prefix (`jobs/<user>/`) holds the job: the one inside its id. */
export function jobOwner(jobId: string): string | undefined {
	return parseJobId(jobId)?.user;
}

/** Whether `jobId` lies under `user`'s own prefix. Screens hide cancel and delete otherwise. */
export function isMine(jobId: string, user: string): boolean {
	return jobOwner(jobId) === user;
}

/**
 * Another user's job, refused. Swift gives every project member write access to the whole
 * bucket, so this check is the only thing that keeps one researcher from withdrawing or
 * deleting another's job. A `Forbidden`, so scripts see the exit code of a refused access.
 */
export class NotYourJob extends Forbidden {
	readonly owner: string;

	constructor(jobId: string, owner: string, user: string, action: string) {
		super(
			`Job ${jobId} belongs to ${owner}, not to you (${user}): only its owner may ${action} it. ` +
				`An administrator of the coordination centre who means to may add --not-mine.`,
			{key: jobPrefix(jobId)},
		);
		this.owner = owner;
	}
}

/** Throws `NotYourJob` unless `jobId` is the actor's own or the actor said `notMine`. */
export function assertMayChange(jobId: string, actor: Actor, action: string): void {
	const owner = jobOwner(jobId) ?? '(unknown)';
	if (owner !== actor.user && !actor.notMine) {
		throw new NotYourJob(jobId, owner, actor.user, action);
	}
}
