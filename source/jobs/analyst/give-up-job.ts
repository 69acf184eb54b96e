import {markerKey, statusPrefix} from '../../protocol/keys.js';
import {biobankStatus} from '../../protocol/status.js';
import {typedTextProblem} from '../../protocol/typed-text.js';
import type {ObjectStore} from '../../storage/store.js';
import type {Clock} from '../clock.js';
import {writeMarker} from '../write-marker.js';
import {JobError} from '../job-error.js';
import {WrongStatus} from './analyst-errors.js';
import {listMarkers, readHolder} from './claim-job.js';

export type GiveUpRequest = {
	jobId: string;
	biobank: string;
	analyst: string;
	/** `failed`: the run broke; `declined`: the biobank will not run it. */
	marker: 'failed' | 'declined';
	/** What the requester reads: why, and what would help. */
	reason: string;
	signal?: AbortSignal;
};

export type GiveUpResult = {
	jobId: string;
	biobank: string;
	marker: 'failed' | 'declined';
	by: string;
	reason: string;
};

/**
 * A reason is shown on the requester's terminal: one refused for a control character says so
 * (source/protocol/typed-text.ts) rather than being changed behind the analyst's back.
 */
export function checkedReason(jobId: string, reason: string): string {
	const trimmed = reason.trim();
	const problem = typedTextProblem('The reason', trimmed);
	if (problem) throw new JobError(jobId, problem);
	return trimmed;
}

export const maxReasonLength = 2000;

/**
 * Marks a job `failed` or `declined` at a biobank, with a reason the requester sees (a JSON body,
 * status.ts). Failing needs a run: only the analyst holding the claim may. Declining is allowed
 * before a claim too. A later claim takes the job up again (claim-job.ts). The Python tools ignore
 * both markers and keep showing the job as processing (or, declined before a claim, as waiting).
 */
export async function giveUpJob(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	request: GiveUpRequest,
): Promise<GiveUpResult> {
	const {jobId, biobank, analyst, marker, signal} = request;
	const reason = checkedReason(jobId, request.reason);
	if (reason === '') {
		throw new JobError(jobId, 'A reason is needed: the requester reads it.');
	}

	if (reason.length > maxReasonLength) {
		throw new JobError(
			jobId,
			`The reason is ${reason.length} characters; keep it under ${maxReasonLength}.`,
		);
	}

	const markers = await listMarkers(store, bucket, statusPrefix(jobId, biobank), signal);
	const status = biobankStatus(
		markers.map((object) => ({
			name: object.key.slice(object.key.lastIndexOf('/') + 1),
			lastModified: object.lastModified,
		})),
	);
	const word = marker === 'failed' ? 'mark it failed' : 'decline it';
	switch (status) {
		case 'ready':
		case 'cancelled':
		case 'not-submitted':
		case 'not-targeted': {
			throw new WrongStatus(
				jobId,
				status,
				`Job ${jobId} is ${status} at ${biobank}: you cannot ${word}.`,
			);
		}

		case 'waiting': {
			if (marker === 'failed') {
				throw new WrongStatus(
					jobId,
					status,
					`Job ${jobId} has not been claimed at ${biobank}: claim it before you mark a run failed, or decline it.`,
				);
			}

			break;
		}

		case 'processing': {
			const holder = await readHolder(
				store,
				bucket,
				markerKey(jobId, biobank, 'processing'),
				signal,
			);
			if (holder.by !== analyst) {
				throw new WrongStatus(
					jobId,
					status,
					`Job ${jobId} is claimed by ${holder.by ?? 'someone else'}${holder.at ? ` since ${holder.at}` : ''}: only they can ${word}.`,
				);
			}

			break;
		}

		case 'failed':
		case 'declined': {
			break;
		}
	}

	await writeMarker(store, bucket, clock, {jobId, biobank, marker, by: analyst, reason, signal});
	return {jobId, biobank, marker, by: analyst, reason};
}
