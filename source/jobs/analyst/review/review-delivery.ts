import {randomUUID} from 'node:crypto';
import {join} from 'node:path';
import type {Catalogue} from '../../../protocol/catalogue.js';
import type {FileScan} from '../../../review/scan-file.js';
import {scanDelivery} from '../../../review/scan-delivery.js';
import type {ObjectStore} from '../../../storage/store.js';
import {isoTime, type Clock} from '../../clock.js';
import {putSmallObject} from '../../small-object.js';
import type {DeliverProgress} from '../deliver-job.js';
import {decideRelease, type Outgoing, type ReleaseDecisions} from './release-decisions.js';
import {reviewRequestKey} from './review-keys.js';
import {loadReviewRules} from './review-policy.js';
import {recordText, type Review, type ReviewRequest, type SignOff} from './review-records.js';

export type DeliveryReviewRequest = {
	jobId: string;
	biobank: string;
	/** The analyst delivering: the first reviewer. */
	analyst: string;
	jobFolder: string;
	/** Every file about to leave, with its size when known (for the progress total). */
	files: ReadonlyArray<Outgoing & {bytes?: number}>;
	decisions?: ReleaseDecisions;
	/** The catalogue whose review rules apply (default: the built-in one). */
	catalogue?: Catalogue;
	onProgress?: (progress: DeliverProgress) => void;
	signal?: AbortSignal;
};

export type DeliveryReview =
	| {state: 'release'; signOff: SignOff; scans: FileScan[]}
	| {state: 'awaiting-second-review'; request: ReviewRequest; key: string; scans: FileScan[]};

/**
 * The review a delivery goes through before anything is uploaded: the biobank's rules, a scan of
 * every outgoing file, and the analyst's decisions on them (`decideRelease` refuses blocking
 * findings without a justification). Under a one-person policy the result is the sign-off to
 * release with; under a two-person policy the review is written to `review/request.json` and
 * nothing leaves until another analyst approves it.
 */
export async function reviewDelivery(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	request: DeliveryReviewRequest,
): Promise<DeliveryReview> {
	const {jobId, biobank, analyst, files, signal} = request;
	const loaded = await loadReviewRules(store, bucket, biobank, {
		catalogue: request.catalogue,
		signal,
	});
	const sizes = files.map((file) => file.bytes ?? 0);
	const starts = sizes.map((_, index) =>
		sizes.slice(0, index).reduce((sum, size) => sum + size, 0),
	);
	const scans = await scanDelivery(
		files.map((file) => ({
			relative: file.relative,
			path: join(request.jobFolder, file.relative),
			declared: file.declared,
		})),
		loaded.rules,
		{
			sizes,
			signal,
			onProgress: (event) =>
				request.onProgress?.({
					phase: 'scanning',
					files: files.map((file, index) => ({
						relative: file.relative,
						state: index < event.index ? 'done' : index === event.index ? 'running' : 'waiting',
						done: Math.min(sizes[index] ?? 0, Math.max(0, event.done - (starts[index] ?? 0))),
						total: sizes[index] ?? 0,
					})),
					done: event.done,
					total: event.total,
				}),
		},
	);
	const at = isoTime(clock.now());
	const review = decideRelease(jobId, files, scans, request.decisions ?? {}, {
		reviewer: analyst,
		at,
		rules: loaded.stamp,
	});
	if (loaded.rules.secondReviewer) {
		const record: ReviewRequest = {
			format: 'ivjm-release-review/1',
			id: randomUUID(),
			jobId,
			biobank,
			review,
		};
		const key = reviewRequestKey(jobId, biobank);
		await putSmallObject(store, bucket, key, recordText(record), {signal});
		return {state: 'awaiting-second-review', request: record, key, scans};
	}
	return {
		state: 'release',
		signOff: signOffOf(jobId, biobank, review, [
			{user: analyst, role: 'first', at, rules: loaded.stamp},
		]),
		scans,
	};
}

/** The sign-off of `review`, released by the last of `reviewers`. */
export function signOffOf(
	jobId: string,
	biobank: string,
	review: Review,
	reviewers: SignOff['reviewers'],
): SignOff {
	const last = reviewers.at(-1) ?? {user: review.reviewer, at: review.at, rules: review.rules};
	return {
		format: 'ivjm-sign-off/1',
		jobId,
		biobank,
		releasedBy: last.user,
		releasedAt: last.at,
		rules: last.rules,
		reviewers,
		files: review.files,
	};
}
