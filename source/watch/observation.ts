import type {EventDetails, EventKind} from './watch-event.js';

/**
 * One thing a watcher follows, as one poll of the bucket shows it: a job at one biobank (its
 * status), a request in a biobank's inbox, a delivery waiting for review. A change of `state`
 * since the last poll is an event when `event` says which.
 */
export type Observation = {
	/** Stable name of the thing: `<jobid>/<biobank>`, `request/<jobid>`, `review/<jobid>/<biobank>`. */
	subject: string;
	state: string;
	/**
	 * When the store says this state began (the deciding marker's last-modified time). A listing
	 * that shows an older state than the one already seen (a stale replica) is not a change.
	 */
	since?: string;
	jobId: string;
	user: string;
	biobank?: string;
	/** The event that reaching this state is; undefined: a change nobody is told about. */
	event?: EventKind;
	/** Reads what the event says beyond the listing (name, e-mail, reason), only for changes. */
	describe?: (signal?: AbortSignal) => Promise<EventDetails>;
};

/** Something one poll asks the store about: the researcher's jobs, a biobank's inbox, reviews. */
export type WatchSource = {
	name: string;
	observe(signal?: AbortSignal): Promise<Observation[]>;
};

/**
 * The hook for the release review: a source that lists the deliveries awaiting a second review
 * at a biobank maps each to this observation, and `ivjm watch --biobank B` tells the analyst
 * once per delivery (again only if it leaves the waiting state and comes back).
 */
export function reviewWaitingObservation(waiting: {
	jobId: string;
	user: string;
	biobank: string;
	since?: string;
	describe?: Observation['describe'];
}): Observation {
	return {
		subject: `review/${waiting.jobId}/${waiting.biobank}`,
		state: 'awaiting-review',
		since: waiting.since,
		jobId: waiting.jobId,
		user: waiting.user,
		biobank: waiting.biobank,
		event: 'review-waiting',
		describe: waiting.describe,
	};
}
