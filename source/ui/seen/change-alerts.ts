import type {BiobankStatus} from '../../protocol/status.js';
import {isOwnChange} from './own-changes.js';

/** One job's status at each biobank, as one listing showed it. */
export type StatusSnapshot = ReadonlyMap<string, ReadonlyMap<string, BiobankStatus>>;

export type Arrival = {jobId: string; biobank: string; status: 'ready' | 'failed'};

const announced = new Set<BiobankStatus>(['ready', 'failed']);

/**
 * Biobanks that became ready or failed between two listings of the researcher's jobs, made by
 * someone else. A job the earlier listing did not hold is not announced (it was not followed).
 */
export function biobankArrivals(
	previous: StatusSnapshot,
	current: StatusSnapshot,
	own: (jobId: string, biobank?: string) => boolean = isOwnChange,
): Arrival[] {
	const arrivals: Arrival[] = [];
	for (const [jobId, biobanks] of current) {
		const before = previous.get(jobId);
		if (!before) continue;
		for (const [biobank, status] of biobanks) {
			if (!announced.has(status) || before.get(biobank) === status) continue;
			if (own(jobId, biobank)) continue;
			arrivals.push({jobId, biobank, status: status as Arrival['status']});
		}
	}

	return arrivals;
}

/** Requests in the current inbox listing that the previous one lacked, sent by someone else. */
export function newRequests(
	previous: ReadonlySet<string>,
	current: Iterable<string>,
	own: (jobId: string) => boolean = isOwnChange,
): string[] {
	return [...current].filter((jobId) => !previous.has(jobId) && !own(jobId));
}

/** The words of one notification: the first change, and how many more came with it. */
export function alertText(first: string, count: number): string {
	return count > 1 ? `${first} (and ${count - 1} more)` : first;
}
