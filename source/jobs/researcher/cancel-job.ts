import {assertTypedText} from '../../protocol/typed-text.js';
import type {ObjectStore} from '../../storage/store.js';
import type {Clock} from '../clock.js';
import {writeMarker} from '../write-marker.js';
import type {JobDetail} from './load-job-detail.js';
import {assertMayChange} from './ownership.js';

/** The biobanks a cancel would mark: every targeted one that is not ready or cancelled yet. */
export function cancellableBiobanks(job: JobDetail): string[] {
	return job.status.biobanks
		.filter(
			(state) =>
				state.status !== 'ready' && state.status !== 'cancelled' && state.status !== 'not-targeted',
		)
		.map((state) => state.biobank);
}

/**
 * Withdraws a job: `status/cancelled` (with who, when and why) at every biobank still working
 * on it. Results already delivered stay; the Python tools ignore the marker and keep showing
 * such a biobank as processing. Only the job's owner (`by`) may, unless `notMine` is given.
 */
export async function cancelJob(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	job: JobDetail,
	by: string,
	reason: string,
	signal?: AbortSignal,
	options: {notMine?: boolean} = {},
): Promise<string[]> {
	assertMayChange(job.row.jobId, {user: by, notMine: options.notMine}, 'cancel');
	assertTypedText('the reason', reason);
	const biobanks = cancellableBiobanks(job);
	for (const biobank of biobanks) {
		await writeMarker(store, bucket, clock, {
			jobId: job.row.jobId,
			biobank,
			marker: 'cancelled',
			by,
			reason,
			signal,
		});
	}
	return biobanks;
}
