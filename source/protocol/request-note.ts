import type {JobId} from './job-id.js';
import {biobankTaskKey, parseKey} from './keys.js';

/**
 * The body of the inbox note `<biobank>/requests/<jobid>`: exactly the key of that biobank's
 * task.json, without newline or quotes, because the Python analyst tool cuts it out of the
 * printed `bytes` value between the first two `'`.
 */
export function requestNoteBody(jobId: JobId, biobank: string): string {
	return biobankTaskKey(jobId, biobank);
}

export type RequestNote =
	| {ok: true; taskKey: string; user: string; jobId: JobId; biobank: string}
	| {ok: false; reason: string};

/**
 * Reads an inbox note. The note is written by a requester, so it must point at the task.json of
 * the very job and biobank it was found for; anything else is refused, never followed.
 */
export function parseRequestNote(
	body: string,
	expected: {jobId?: JobId; biobank?: string} = {},
): RequestNote {
	const taskKey = body.trim();
	const parsed = parseKey(taskKey);
	if (parsed.kind !== 'biobank-task') {
		return {
			ok: false,
			reason: `The request note does not name a biobank's task.json: ${JSON.stringify(body.slice(0, 200))}`,
		};
	}

	if (expected.jobId !== undefined && parsed.jobId !== expected.jobId) {
		return {
			ok: false,
			reason: `The request note for job ${expected.jobId} points at job ${parsed.jobId}.`,
		};
	}

	if (expected.biobank !== undefined && parsed.biobank !== expected.biobank) {
		return {
			ok: false,
			reason: `The request note for ${expected.biobank} points at the task of ${parsed.biobank}.`,
		};
	}

	return {ok: true, taskKey, user: parsed.user, jobId: parsed.jobId, biobank: parsed.biobank};
}
