import {approveRelease, type ApproveRequest} from '../jobs/analyst/review/approve-release.js';
import {
	previewJobFile,
	reviewJobOutputs,
	type JobReviewRequest,
} from '../jobs/analyst/review/review-job.js';
import {
	loadReviewRules,
	writeReviewPolicy,
	type PolicyWrite,
} from '../jobs/analyst/review/review-policy.js';
import {loadReviewState} from '../jobs/analyst/review/review-state.js';
import {returnRelease, type ReturnRequest} from '../jobs/analyst/review/return-release.js';
import {resultsUpload} from '../jobs/job-encryption.js';
import type {SessionParts} from './session.js';

/**
 * The release review's use cases for an analyst, on the session's store, bucket, clock and user:
 * the findings before a delivery, a file's preview, and the second reviewer's approve and return.
 */
export function bindReview(parts: SessionParts) {
	const {store, bucket, clock, user, transfers} = parts;
	return {
		/** The findings of every outgoing file, and where an earlier review stands (writes nothing). */
		review: (request: JobReviewRequest) => reviewJobOutputs(store, bucket, request),
		/** The first rows of one file of the job folder, flagged cells marked. */
		preview: previewJobFile,
		/** Where the review of a job at a biobank stands (awaiting, returned, signed off). */
		reviewState: (jobId: string, biobank: string, signal?: AbortSignal) =>
			loadReviewState(store, bucket, jobId, biobank, signal),
		/**
		 * The second reviewer's approval: the same files scanned again here, uploaded (encrypted to
		 * the requester's key when one is published, as a delivery is), signed off, then ready.
		 */
		approve: async (request: Omit<ApproveRequest, 'approver' | 'upload'>) => {
			const {upload} = await resultsUpload(store, bucket, request.jobId, transfers.upload, {
				signal: request.signal,
			});
			return approveRelease(store, bucket, clock, {...request, approver: user, upload});
		},
		/** The rules a review at `biobank` applies now: the catalogue's, under its policy object. */
		rules: (biobank: string, signal?: AbortSignal) =>
			loadReviewRules(store, bucket, biobank, {signal}),
		/** Writes the biobank's policy object, the next version, in the user's name. */
		writePolicy: (write: Omit<PolicyWrite, 'by'>) =>
			writeReviewPolicy(store, bucket, clock, {...write, by: user}),
		/** The second reviewer returns the review to the first, with a reason. */
		returnRelease: (request: Omit<ReturnRequest, 'by'>) =>
			returnRelease(store, bucket, clock, {...request, by: user}),
	};
}
