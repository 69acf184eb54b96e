import {checkName, hasControlCharacter} from './names.js';
import {isIsoWithZone} from './time.js';

/**
 * The markers under `<biobank>/status/`. The Python tools know the first three; they ignore any
 * other name (and so keep showing such a biobank as processing), which lets us add the rest.
 */
export const markerNames = [
	'submitted',
	'processing',
	'ready',
	'failed',
	'declined',
	'cancelled',
] as const;

export type MarkerName = (typeof markerNames)[number];

export function isMarkerName(name: string): name is MarkerName {
	return (markerNames as readonly string[]).includes(name);
}

/** Who wrote a marker, when, and why: each part only when the body says it. */
export type MarkerBody = {by?: string; at?: string; reason?: string};

/**
 * Reads a marker's body, whoever wrote it. Never throws.
 * - ours, for failed/declined/cancelled: JSON `{"by", "at", "reason"}`;
 * - the Python tools' processing/ready (and ours): `<analyst>: <time>`;
 * - the Python tools' submitted (and ours): just the time.
 * Times are kept as written: the Python ones are local times of an unknown zone.
 */
export function parseMarkerBody(text: string): MarkerBody {
	const body = text.trim();
	if (body === '') {
		return {};
	}

	if (body.startsWith('{')) {
		return parseJsonBody(body);
	}

	// The time itself holds colons ("09:05:11") but never ": ", and a CSC user name holds neither.
	const separator = body.indexOf(': ');
	if (separator > 0) {
		return compact({by: body.slice(0, separator).trim(), at: body.slice(separator + 2).trim()});
	}

	return {at: body};
}

/** The body of `status/submitted`: the time alone, as the Python requester writes it. */
export function submittedBody(at: string): string {
	return checkedTime(at);
}

/** The body of `status/processing` or `status/ready`: `<analyst>: <time>`, as the Python analyst writes it. */
export function claimBody(by: string, at: string): string {
	return `${checkedBy(by)}: ${checkedTime(at)}`;
}

/** The body of `failed`, `declined` (by an analyst) or `cancelled` (by the requester). */
export function reasonBody(by: string, at: string, reason: string): string {
	return JSON.stringify({by: checkedBy(by), at: checkedTime(at), reason});
}

/** The body to write for `marker`: one function for the use cases, whatever the marker. */
export function markerBody(
	marker: MarkerName,
	body: {by: string; at: string; reason?: string},
): string {
	switch (marker) {
		case 'submitted': {
			return submittedBody(body.at);
		}

		case 'processing':
		case 'ready': {
			return claimBody(body.by, body.at);
		}

		case 'failed':
		case 'declined':
		case 'cancelled': {
			return reasonBody(body.by, body.at, body.reason ?? '');
		}
	}
}

function parseJsonBody(body: string): MarkerBody {
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch {
		return {reason: body};
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return {reason: body};
	}

	const record = value as Record<string, unknown>;
	const text = (field: string): string | undefined =>
		typeof record[field] === 'string' ? record[field] : undefined;
	return compact({by: text('by'), at: text('at'), reason: text('reason')});
}

function compact(body: MarkerBody): MarkerBody {
	const result: MarkerBody = {};
	if (body.by) result.by = body.by;
	if (body.at) result.at = body.at;
	if (body.reason) result.reason = body.reason;
	return result;
}

function checkedBy(by: string): string {
	const check = checkName('user', by);
	if (!check.ok || by.includes(': ')) {
		throw new RangeError(check.ok ? `The user ${JSON.stringify(by)} contains ": ".` : check.reason);
	}

	return by;
}

function checkedTime(at: string): string {
	if (hasControlCharacter(at) || !isIsoWithZone(at)) {
		throw new RangeError(
			`Marker times are written as ISO 8601 with a zone (2026-11-25T11:05:06.356+02:00), not ${JSON.stringify(at)}.`,
		);
	}

	return at;
}
