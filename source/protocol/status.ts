import {isMarkerName, type MarkerName} from './markers.js';
import {parseIsoTime} from './time.js';

/**
 * The state of a job at one biobank.
 * - `not-targeted`: the biobank is not in the job's `biobanks`;
 * - `not-submitted`: targeted, but no marker yet (a submit under way, or one that broke off);
 * - `waiting`: submitted, not yet claimed by an analyst (the Python tools' "submitted");
 * - `processing`: claimed by an analyst; `ready`: results uploaded;
 * - `failed`, `declined`: an analyst gave up or refused; `cancelled`: the requester withdrew it.
 */
export type BiobankStatus =
	| 'not-targeted'
	| 'not-submitted'
	| 'waiting'
	| 'processing'
	| 'ready'
	| 'failed'
	| 'declined'
	| 'cancelled';

/** A marker as a listing shows it: its name, and when the listing gives it, its last-modified time. */
export type MarkerSeen = string | {name: string; lastModified?: string};

/**
 * The status of a biobank from the markers present. Precedence, strongest first:
 * 1. `ready`: results exist, so a late ready after failed/declined/cancelled still wins.
 * 2. `cancelled`: the requester withdrew the job; nothing else matters any more.
 * 3. `failed`/`declined`: the analyst gave up — unless a `processing` marker was written after the
 *    newest of them (a re-claim), which makes it `processing` again. Markers are just keys, so
 *    "after" compares the listing's last-modified times; without both times the failure stands.
 *    When both failed and declined exist, the newer wins; without times, `declined`.
 * 4. `processing`, 5. `submitted` → `waiting`, 6. nothing known → `not-submitted`.
 * Unknown marker names are ignored, as the Python tools do.
 */
export function biobankStatus(markers: Iterable<MarkerSeen>): BiobankStatus {
	const times = new Map<MarkerName, number | undefined>();
	for (const marker of markers) {
		const name = typeof marker === 'string' ? marker : marker.name;
		if (isMarkerName(name)) {
			const time =
				typeof marker === 'string' || marker.lastModified === undefined
					? undefined
					: parseIsoTime(marker.lastModified);
			times.set(name, time);
		}
	}

	if (times.has('ready')) return 'ready';
	if (times.has('cancelled')) return 'cancelled';
	const failure = newestFailure(times);
	if (failure) {
		const processing = times.get('processing');
		const failedAt = times.get(failure);
		const reclaimed = processing !== undefined && failedAt !== undefined && processing > failedAt;
		return reclaimed ? 'processing' : failure;
	}

	if (times.has('processing')) return 'processing';
	if (times.has('submitted')) return 'waiting';
	return 'not-submitted';
}

function newestFailure(
	times: Map<MarkerName, number | undefined>,
): 'failed' | 'declined' | undefined {
	const hasFailed = times.has('failed');
	const hasDeclined = times.has('declined');
	if (hasFailed && hasDeclined) {
		const failed = times.get('failed');
		const declined = times.get('declined');
		return failed !== undefined && declined !== undefined && failed > declined
			? 'failed'
			: 'declined';
	}

	return hasFailed ? 'failed' : hasDeclined ? 'declined' : undefined;
}

/** The Python analyst tool offers a job only while `submitted` is alone; we offer it while waiting. */
export function isClaimable(status: BiobankStatus): boolean {
	return status === 'waiting';
}

/** No marker can change this status any more (a job still open can be re-claimed after a failure). */
export function isSettled(status: BiobankStatus): boolean {
	return status === 'ready' || status === 'cancelled' || status === 'not-targeted';
}

/**
 * One word for a whole job, for the researcher's table. In this order:
 * `ready` when every targeted biobank is; `cancelled` when any is; `processing` when any is;
 * `waiting` when any is; `not-submitted` when any is (or none is targeted); otherwise `failed`
 * (every biobank that is not ready failed or declined: nothing more will come).
 */
export type JobState =
	'ready' | 'cancelled' | 'processing' | 'waiting' | 'not-submitted' | 'failed';

export type JobSummary = {
	state: JobState;
	/** Targeted biobanks, in the job's order. */
	targeted: number;
	ready: number;
	/** Failed or declined. */
	failed: number;
	/** The requester may fetch the results: every targeted biobank is ready (the Python rule). */
	downloadable: boolean;
};

/** Summarises the statuses of the targeted biobanks (`not-targeted` ones are left out). */
export function summariseStatuses(statuses: Iterable<BiobankStatus>): JobSummary {
	const count = new Map<BiobankStatus, number>();
	let targeted = 0;
	for (const status of statuses) {
		if (status !== 'not-targeted') {
			targeted++;
			count.set(status, (count.get(status) ?? 0) + 1);
		}
	}

	const has = (status: BiobankStatus): boolean => (count.get(status) ?? 0) > 0;
	const ready = count.get('ready') ?? 0;
	const failed = (count.get('failed') ?? 0) + (count.get('declined') ?? 0);
	const downloadable = targeted > 0 && ready === targeted;
	const state = jobState(downloadable, targeted, has);
	return {state, targeted, ready, failed, downloadable};
}

function jobState(
	downloadable: boolean,
	targeted: number,
	has: (status: BiobankStatus) => boolean,
): JobState {
	if (downloadable) return 'ready';
	for (const state of ['cancelled', 'processing', 'waiting', 'not-submitted'] as const) {
		if (has(state)) return state;
	}

	return targeted === 0 ? 'not-submitted' : 'failed';
}
