import type {Observation} from './observation.js';

/** What a channel last saw of one subject: its state, since when, and the day it went missing. */
export type SeenState = {s: string; t?: string; g?: number};

export type Seen = Record<string, SeenState>;

/** A subject no listing has shown for this many days is forgotten (its job was deleted). */
export const forgetAfterDays = 30;

export type Comparison = {
	/** Observations whose state changed into one that is an event, in the order observed. */
	changes: Observation[];
	next: Seen;
	/** `next` differs from what was seen: it must be saved. */
	dirty: boolean;
};

/**
 * Compares one poll with what a channel saw before. Without anything seen (the channel's first
 * poll) the poll is the baseline: nothing is an event. A subject that disappears is kept for
 * `forgetAfterDays`, so a listing that misses it once does not make it new again; a state
 * older than the one seen (by the store's times) is a stale listing and changes nothing.
 */
export function compareWithSeen(
	seen: Seen | undefined,
	observations: readonly Observation[],
	today: number,
): Comparison {
	const next: Seen = {};
	const changes: Observation[] = [];
	let dirty = seen === undefined;
	for (const observation of observations) {
		const previous = seen?.[observation.subject];
		const current: SeenState = stateOf(observation);
		if (previous === undefined) {
			next[observation.subject] = current;
			dirty = true;
			if (seen !== undefined && observation.event) changes.push(observation);
			continue;
		}

		if (previous.s === observation.state || isOlder(observation.since, previous.t)) {
			const kept: SeenState = {s: previous.s};
			if (previous.t !== undefined) kept.t = previous.t;
			next[observation.subject] = kept;
			if (previous.g !== undefined) dirty = true;
			continue;
		}

		next[observation.subject] = current;
		dirty = true;
		if (observation.event) changes.push(observation);
	}

	for (const [subject, previous] of Object.entries(seen ?? {})) {
		if (subject in next) continue;
		const gone = previous.g ?? today;
		if (today - gone > forgetAfterDays) {
			dirty = true;
			continue;
		}

		next[subject] = {...previous, g: gone};
		if (previous.g === undefined) dirty = true;
	}

	return {changes, next, dirty};
}

function stateOf(observation: Observation): SeenState {
	const state: SeenState = {s: observation.state};
	if (observation.since !== undefined) state.t = observation.since;
	return state;
}

/** `a` is known to be earlier than `b` (both times readable); unknown times are never older. */
function isOlder(a: string | undefined, b: string | undefined): boolean {
	if (a === undefined || b === undefined) return false;
	const left = Date.parse(withZone(a));
	const right = Date.parse(withZone(b));
	return Number.isFinite(left) && Number.isFinite(right) && left < right;
}

/** Swift lists `2026-11-25T12:00:00.123456` in UTC without a zone; Date.parse would take local time. */
function withZone(time: string): string {
	return /(?:Z|[+-]\d\d:?\d\d)$/.test(time) ? time : `${time}Z`;
}
