/**
 * What `ivjm watch` tells people about. For a researcher: a biobank claimed, finished, failed or
 * declined one of their jobs. For an analyst: a new request reached their biobank, or a release
 * review waits for them (the review's source adds those; see `observation.ts`).
 */
export type EventKind = 'claimed' | 'ready' | 'failed' | 'declined' | 'request' | 'review-waiting';

/** What an event says beyond the listing, read once when it is recorded so a resend is identical. */
export type EventDetails = {
	/** The task's name. */
	name?: string;
	/** The requester's e-mail from the task.json (the researcher's mail goes there by default). */
	requestor?: string;
	/** Who wrote the marker (the analyst), from its body. */
	by?: string;
	/** Why a biobank failed or declined the job, from the marker's body. */
	reason?: string;
	resultFiles?: number;
	resultBytes?: number;
};

export type WatchEvent = {
	/** Unique within one channel's state: `e<sequence>`. */
	id: string;
	kind: EventKind;
	jobId: string;
	/** The requester (CSC user). */
	user: string;
	biobank?: string;
	/** When the watcher saw the change (ISO 8601, UTC). */
	observedAt: string;
	details: EventDetails;
};

export const eventKinds: readonly EventKind[] = [
	'claimed',
	'ready',
	'failed',
	'declined',
	'request',
	'review-waiting',
];
