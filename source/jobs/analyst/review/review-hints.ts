import type {ObjectStore} from '../../../storage/store.js';
import {mapLimit} from '../../../util/map-limit.js';
import {reviewPrefix, reviewRequestKey, reviewReturnKey, signOffKey} from './review-keys.js';

/** Where a job's review stands, from its keys alone: enough for a column of the inbox. */
export type ReviewHint = 'none' | 'awaiting-second-review' | 'returned' | 'signed-off';

/**
 * The review hint of each job at `biobank`, one small listing of its `review/` folder per job (8
 * at a time): a request newer than any return awaits a second review. The job page confirms it
 * with `loadReviewState`, which reads the records themselves.
 */
export async function loadReviewHints(
	store: ObjectStore,
	bucket: string,
	biobank: string,
	jobIds: readonly string[],
	signal?: AbortSignal,
): Promise<Record<string, ReviewHint>> {
	const hints = await mapLimit(jobIds, 8, async (jobId) => {
		const seen = new Map<string, string>();
		for await (const entry of store.list(bucket, {prefix: reviewPrefix(jobId, biobank), signal})) {
			if (entry.kind === 'object') seen.set(entry.key, entry.lastModified);
		}
		const request = seen.get(reviewRequestKey(jobId, biobank));
		const returned = seen.get(reviewReturnKey(jobId, biobank));
		const hint: ReviewHint = seen.has(signOffKey(jobId, biobank))
			? 'signed-off'
			: request !== undefined && (returned === undefined || request > returned)
				? 'awaiting-second-review'
				: returned === undefined
					? 'none'
					: 'returned';
		return [jobId, hint] as const;
	});
	return Object.fromEntries(hints);
}
