import {randomUUID} from 'node:crypto';
import {text} from 'node:stream/consumers';
import {markerKey, statusPrefix} from '../../protocol/keys.js';
import {claimBody, parseMarkerBody, type MarkerBody} from '../../protocol/markers.js';
import {biobankStatus, type BiobankStatus} from '../../protocol/status.js';
import {NotFound} from '../../storage/errors/index.js';
import {createAndConfirm} from '../create-and-confirm.js';
import type {ListedObject, ObjectStore} from '../../storage/store.js';
import {isoTime, type Clock} from '../clock.js';
import {ClaimLost, WrongStatus} from './analyst-errors.js';

/** The metadata (`X-Object-Meta-Ivjm-Claim-Id`) that tells one claim of `status/processing` from another. */
export const claimIdMetadata = 'ivjm-claim-id';

/** How long a claim waits before it reads its marker back (see `claimJob`). */
export {defaultSettleMs} from '../create-and-confirm.js';

export type ClaimRequest = {
	jobId: string;
	biobank: string;
	/** The analyst's CSC user name, written into the marker. */
	analyst: string;
	/** Pause between the write and the read-back; tests on the local store may pass 0. */
	settleMs?: number;
	/** Tells this claim from any other; random unless a test fixes it. */
	claimId?: string;
	signal?: AbortSignal;
};

export type ClaimResult = {
	jobId: string;
	biobank: string;
	by: string;
	at: string;
	/** The job had failed or been declined, and this claim took it up again. */
	reclaimed: boolean;
	/** The job was already claimed by this analyst: nothing was written (a rerun resumes). */
	already: boolean;
};

/**
 * Claims a job for `analyst` by writing `status/processing` (`<analyst>: <time>`, as the Python
 * analyst tool writes it), so that of two analysts who claim at once exactly one goes on.
 *
 * Swift checks `If-None-Match: *` before it writes, not atomically with the write: two PUTs that
 * race can both be told 201, and the later one is what stays. So a claim is two steps:
 * 1. write the marker create-only, carrying a random claim id in its metadata: `Conflict` means
 *    another claim finished first, and this one lost;
 * 2. wait `settleMs` (a racing PUT lands within it), read the marker back: if its claim id is not
 *    ours, a racing write replaced it, and this one lost. The loser is told who holds the job.
 *
 * A job that failed or was declined is taken up again by a later claim: the processing marker
 * from the first claim may still be there, so it is replaced (a plain PUT), which makes it newer
 * than the failure, and by the status precedence (status.ts) the job is processing again. The
 * read-back settles a race between two re-claims the same way. The failed/declined marker stays
 * as history; the Python tools never knew it.
 */
export async function claimJob(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	request: ClaimRequest,
): Promise<ClaimResult> {
	const {jobId, biobank, analyst, signal} = request;
	const key = markerKey(jobId, biobank, 'processing');
	const ref = {container: bucket, key};
	const markers = await listMarkers(store, bucket, statusPrefix(jobId, biobank), signal);
	const status = biobankStatus(
		markers.map((marker) => ({
			name: marker.key.slice(marker.key.lastIndexOf('/') + 1),
			lastModified: marker.lastModified,
		})),
	);
	const hasProcessing = markers.some((marker) => marker.key === key);
	if (status === 'processing') {
		const holder = await readHolder(store, bucket, key, signal);
		if (holder.by === analyst) {
			return {jobId, biobank, by: analyst, at: holder.at ?? '', reclaimed: false, already: true};
		}

		throw new ClaimLost(jobId, biobank, holder);
	}

	refuseUnclaimable(jobId, biobank, status);
	const reclaimed = status === 'failed' || status === 'declined';
	const claimId = request.claimId ?? randomUUID();
	const at = isoTime(clock.now());
	const outcome = await createAndConfirm(store, ref, {
		body: claimBody(analyst, at),
		tokenMetadata: claimIdMetadata,
		token: claimId,
		createOnly: !hasProcessing,
		settleMs: request.settleMs,
		signal,
	});
	if (outcome !== 'won') {
		const stage = outcome === 'taken' ? 'create' : 'read-back';
		throw new ClaimLost(jobId, biobank, await readHolder(store, bucket, key, signal), stage);
	}

	return {jobId, biobank, by: analyst, at, reclaimed, already: false};
}

function refuseUnclaimable(jobId: string, biobank: string, status: BiobankStatus): void {
	const refusals: Partial<Record<BiobankStatus, string>> = {
		ready: `Job ${jobId} is already delivered at ${biobank} (ready): there is nothing to claim.`,
		cancelled: `Job ${jobId} was cancelled by its requester: it cannot be claimed.`,
		'not-submitted': `Job ${jobId} has no status/submitted marker at ${biobank}: its submission is incomplete, so it cannot be claimed yet.`,
		'not-targeted': `Job ${jobId} is not addressed to ${biobank}.`,
	};
	const refusal = refusals[status];
	if (refusal) throw new WrongStatus(jobId, status, refusal);
}

/** Who holds a marker and since when, from its body; empty when it is gone or unreadable. */
export async function readHolder(
	store: ObjectStore,
	bucket: string,
	key: string,
	signal?: AbortSignal,
): Promise<MarkerBody> {
	try {
		const {body} = await store.get({container: bucket, key}, {signal});
		return parseMarkerBody((await text(body)).slice(0, 4096));
	} catch (error) {
		if (error instanceof NotFound) return {};
		throw error;
	}
}

export async function listMarkers(
	store: ObjectStore,
	bucket: string,
	prefix: string,
	signal?: AbortSignal,
): Promise<ListedObject[]> {
	const markers: ListedObject[] = [];
	for await (const entry of store.list(bucket, {prefix, signal})) {
		if (entry.kind === 'object' && !entry.key.slice(prefix.length).includes('/')) {
			markers.push(entry);
		}
	}

	return markers;
}
