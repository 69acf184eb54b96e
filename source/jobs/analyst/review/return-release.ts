import type {Catalogue} from '../../../protocol/catalogue.js';
import type {ObjectStore} from '../../../storage/store.js';
import {isoTime, type Clock} from '../../clock.js';
import {putSmallObject} from '../../small-object.js';
import {reviewReturnKey} from './review-keys.js';
import {recordText, type ReviewReturn} from './review-records.js';
import {checkedReason, pendingReview} from './second-review.js';

export type ReturnRequest = {
	jobId: string;
	biobank: string;
	/** The second reviewer returning it. */
	by: string;
	/** Why: the first reviewer reads it. */
	reason: string;
	catalogue?: Catalogue;
	signal?: AbortSignal;
};

/**
 * The second reviewer's "not like this": `review/returned.json` names the review it returns (by
 * the SHA-256 of its text) and why. Nothing leaves; the job stays with its first reviewer, whose
 * next delivery is a new review.
 */
export async function returnRelease(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	request: ReturnRequest,
): Promise<{returned: ReviewReturn; key: string}> {
	const {jobId, biobank, by, signal} = request;
	const reason = checkedReason(jobId, request.reason);
	const pending = await pendingReview(
		store,
		bucket,
		{jobId, biobank, user: by, signal},
		{catalogue: request.catalogue},
	);
	const review = pending.request.review;
	const returned: ReviewReturn = {
		format: 'ivjm-review-returned/1',
		jobId,
		biobank,
		by,
		at: isoTime(clock.now()),
		reason,
		request: {reviewer: review.reviewer, at: review.at, sha256: pending.requestSha256},
	};
	const key = reviewReturnKey(jobId, biobank);
	await putSmallObject(store, bucket, key, recordText(returned), {signal});
	return {returned, key};
}
