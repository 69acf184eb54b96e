import type {TaskCache} from '../task-cache.js';
import type {Clock} from '../clock.js';
import type {ObjectStore} from '../../storage/store.js';
import type {UploadFile} from '../../transfer/transfer.js';
import {publishRequesterKey} from '../job-encryption.js';
import {prepareResubmit, submitResubmit, type PreparedResubmit} from './resubmit-job.js';

/** The parts of a signed-in session a resubmission needs (the command's and the job page's). */
export type ResubmitParts = {
	store: ObjectStore;
	bucket: string;
	clock: Clock;
	tasks: TaskCache;
	user: string;
	transfers: {upload: UploadFile};
};

/** Resubmits `jobId` (to `biobanks`, or those that gave up) as a session does a submit. */
export async function resubmitInSession(
	parts: ResubmitParts,
	jobId: string,
	biobanks: readonly string[] = [],
	onPrepared?: (resubmit: PreparedResubmit) => void,
): Promise<{id: string; resubmit: PreparedResubmit}> {
	const {store, bucket, clock, tasks, user, transfers} = parts;
	const resubmit = await prepareResubmit({store, bucket, clock, tasks, user}, jobId, biobanks);
	onPrepared?.(resubmit);
	const id = await submitResubmit(
		{
			store,
			bucket,
			clock,
			upload: transfers.upload,
			// Your public key goes with the job, as with any submit.
			beforePublish: async (newJob) => {
				await publishRequesterKey(store, bucket, newJob);
			},
		},
		resubmit,
	);
	return {id, resubmit};
}
