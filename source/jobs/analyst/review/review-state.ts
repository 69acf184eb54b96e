import {createHash} from 'node:crypto';
import {text} from 'node:stream/consumers';
import {NotFound} from '../../../storage/errors/index.js';
import type {ObjectStore} from '../../../storage/store.js';
import {InvalidReviewRecord} from './review-errors.js';
import {reviewPrefix, reviewRequestKey, reviewReturnKey, signOffKey} from './review-keys.js';
import {
	readReviewRequest,
	readReviewReturn,
	readSignOff,
	type RecordResult,
	type ReviewRequest,
	type ReviewReturn,
	type SignOff,
} from './review-records.js';

/**
 * Where the release review of a job at one biobank stands, from the objects under `review/`:
 * - `signed-off`: the sign-off is written (`ready` follows it, or a rerun writes it);
 * - `awaiting-second-review`: a first review waits for another analyst;
 * - `returned`: the second reviewer returned that review, with a reason;
 * - `none`: nothing reviewed under a two-person policy yet.
 * The status markers (and so the Python tools) still say `processing` for all but a ready job.
 */
export type ReviewState =
	| {state: 'none'}
	| {
			state: 'awaiting-second-review';
			request: ReviewRequest;
			requestSha256: string;
			requestEtag: string;
	  }
	| {state: 'returned'; returned: ReviewReturn}
	| {state: 'signed-off'; signOff: SignOff};

type Stored = {body: string; etag: string};

async function readObject(
	store: ObjectStore,
	bucket: string,
	key: string,
	signal?: AbortSignal,
): Promise<Stored | undefined> {
	try {
		const {head, body} = await store.get({container: bucket, key}, {signal});
		return {body: await text(body), etag: head.etag};
	} catch (error) {
		if (error instanceof NotFound) return undefined;
		throw error;
	}
}

function valid<T>(jobId: string, key: string, result: RecordResult<T>): T {
	if (!result.ok) throw new InvalidReviewRecord(jobId, key, result.problems);
	return result.record;
}

export function sha256Of(body: string): string {
	return createHash('sha256').update(body).digest('hex');
}

/** Reads the review objects of `jobId` at `biobank` (one listing, then only those that exist). */
export async function loadReviewState(
	store: ObjectStore,
	bucket: string,
	jobId: string,
	biobank: string,
	signal?: AbortSignal,
): Promise<ReviewState> {
	const present = new Set<string>();
	for await (const entry of store.list(bucket, {prefix: reviewPrefix(jobId, biobank), signal})) {
		if (entry.kind === 'object') present.add(entry.key);
	}
	const read = async (key: string) =>
		present.has(key) ? readObject(store, bucket, key, signal) : undefined;

	const signOff = await read(signOffKey(jobId, biobank));
	if (signOff) {
		return {
			state: 'signed-off',
			signOff: valid(jobId, signOffKey(jobId, biobank), readSignOff(signOff.body)),
		};
	}
	const request = await read(reviewRequestKey(jobId, biobank));
	const returned = await read(reviewReturnKey(jobId, biobank));
	const returnRecord =
		returned && valid(jobId, reviewReturnKey(jobId, biobank), readReviewReturn(returned.body));
	if (request) {
		const requestSha256 = sha256Of(request.body);
		// A return names the request it returned: a newer request waits again.
		if (returnRecord?.request.sha256 !== requestSha256) {
			return {
				state: 'awaiting-second-review',
				request: valid(jobId, reviewRequestKey(jobId, biobank), readReviewRequest(request.body)),
				requestSha256,
				requestEtag: request.etag,
			};
		}
	}
	return returnRecord ? {state: 'returned', returned: returnRecord} : {state: 'none'};
}

/** The sign-off of a job at a biobank, for the researcher's page and `ivjm show`: absent, or its problems. */
export async function loadSignOff(
	store: ObjectStore,
	bucket: string,
	jobId: string,
	biobank: string,
	signal?: AbortSignal,
): Promise<RecordResult<SignOff> | undefined> {
	const stored = await readObject(store, bucket, signOffKey(jobId, biobank), signal);
	return stored && readSignOff(stored.body);
}
