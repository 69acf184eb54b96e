import type {Catalogue} from '../../../protocol/catalogue.js';
import {markerKey, resultKey, statusPrefix} from '../../../protocol/keys.js';
import {hasControlCharacter} from '../../../protocol/names.js';
import {checkRelativePath} from '../../../protocol/safe-path.js';
import type {MarkerBody} from '../../../protocol/markers.js';
import {biobankStatus, type BiobankStatus} from '../../../protocol/status.js';
import type {ObjectStore} from '../../../storage/store.js';
import {WrongStatus} from '../analyst-errors.js';
import {listMarkers, readHolder} from '../claim-job.js';
import {maxJustificationLength} from './release-decisions.js';
import {
	InvalidDecisions,
	InvalidReviewRecord,
	NotAReviewer,
	ReviewConflict,
	SameReviewer,
} from './review-errors.js';
import {reviewRequestKey} from './review-keys.js';
import {loadReviewRules, type LoadedRules} from './review-policy.js';
import type {ReviewRequest} from './review-records.js';
import {loadReviewState} from './review-state.js';

export type SecondReviewer = {jobId: string; biobank: string; user: string; signal?: AbortSignal};

/** A review waiting for `user` as second reviewer, checked: what approve and return start from. */
export type PendingReview = {
	request: ReviewRequest;
	requestSha256: string;
	requestEtag: string;
	/** The biobank's rules now, for the approver's own scan and for the reviewers list. */
	loaded: LoadedRules;
};

/**
 * The review `user` may approve or return: one awaits a second review, the job is still claimed
 * by its first reviewer (processing), `user` is not that reviewer and, when the biobank's policy
 * names reviewers, is one of them, and every file of the review goes to its own result key.
 */
export async function pendingReview(
	store: ObjectStore,
	bucket: string,
	who: SecondReviewer,
	options: {catalogue?: Catalogue} = {},
): Promise<PendingReview> {
	const {jobId, biobank, user, signal} = who;
	const state = await loadReviewState(store, bucket, jobId, biobank, signal);
	if (state.state !== 'awaiting-second-review') {
		const why = {
			none: 'it has not been delivered for review',
			returned: `it was returned by ${state.state === 'returned' ? state.returned.by : ''} and waits for its first reviewer`,
			'signed-off': 'it is already signed off and released',
		}[state.state];
		throw new ReviewConflict(jobId, `Job ${jobId} at ${biobank} awaits no second review: ${why}.`);
	}
	const {request} = state;
	const reviewer = request.review.reviewer;
	if (request.jobId !== jobId || request.biobank !== biobank) {
		throw new InvalidReviewRecord(jobId, reviewRequestKey(jobId, biobank), [
			{path: 'jobId', message: `names ${request.jobId} at ${request.biobank}`},
		]);
	}
	for (const [index, file] of request.review.files.entries()) {
		const safe = checkRelativePath(file.path);
		if (
			!safe.ok ||
			safe.relative !== file.path ||
			file.key !== resultKey(jobId, biobank, file.path)
		) {
			throw new InvalidReviewRecord(jobId, reviewRequestKey(jobId, biobank), [
				{
					path: `review.files[${index}]`,
					message: 'is not a file of the job folder going to its own result key',
				},
			]);
		}
	}

	const {status, holder} = await statusNow(store, bucket, jobId, biobank, signal);
	if (status !== 'processing' || holder.by !== reviewer) {
		throw new WrongStatus(
			jobId,
			status,
			`Job ${jobId} at ${biobank} is ${status}${holder.by ? `, claimed by ${holder.by}` : ''}: the review by ${reviewer} no longer stands.`,
		);
	}
	if (user === reviewer) throw new SameReviewer(jobId, biobank, user);
	const loaded = await loadReviewRules(store, bucket, biobank, {
		catalogue: options.catalogue,
		signal,
	});
	if (loaded.rules.reviewers && !loaded.rules.reviewers.includes(user))
		throw new NotAReviewer(jobId, biobank, user);
	return {request, requestSha256: state.requestSha256, requestEtag: state.requestEtag, loaded};
}

/** The job's status at `biobank` now, and who holds its claim while it is processing. */
export async function statusNow(
	store: ObjectStore,
	bucket: string,
	jobId: string,
	biobank: string,
	signal?: AbortSignal,
): Promise<{status: BiobankStatus; holder: MarkerBody}> {
	const markers = await listMarkers(store, bucket, statusPrefix(jobId, biobank), signal);
	const status = biobankStatus(
		markers.map((object) => ({
			name: object.key.slice(object.key.lastIndexOf('/') + 1),
			lastModified: object.lastModified,
		})),
	);
	const holder =
		status === 'processing'
			? await readHolder(store, bucket, markerKey(jobId, biobank, 'processing'), signal)
			: {};
	return {status, holder};
}

/** A reason as the records keep it: one line of text, not empty. */
export function checkedReason(jobId: string, reason: string): string {
	const trimmed = reason.trim();
	if (trimmed === '') throw new InvalidDecisions(jobId, ['the reason is empty']);
	if (hasControlCharacter(trimmed))
		throw new InvalidDecisions(jobId, ['the reason must be one line of text']);
	if (trimmed.length > maxJustificationLength) {
		throw new InvalidDecisions(jobId, [
			`the reason is longer than ${maxJustificationLength} characters`,
		]);
	}
	return trimmed;
}
