import type {TaskCache} from '../task-cache.js';
import type {Clock} from '../clock.js';
import type {ObjectStore} from '../../storage/store.js';
import type {UploadFile} from '../../transfer/transfer.js';
import {publishRequesterKey} from '../job-encryption.js';
import {prepareResubmit, submitResubmit, type PreparedResubmit} from './resubmit-job.js';
import type {SubmitEvents} from './submit-job.js';
import type {Task} from '../../protocol/task-types.js';

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
	fileTask?: Task,
): Promise<{id: string; resubmit: PreparedResubmit}> {
	const {store, bucket, clock, tasks, user} = parts;
	const resubmit = await prepareResubmit(
		{store, bucket, clock, tasks, user},
		jobId,
		biobanks,
		undefined,
		fileTask,
	);
	onPrepared?.(resubmit);
	const id = await submitPreparedResubmit(parts, resubmit);
	return {id, resubmit};
}

/**
 * Submits a resubmission as a session does a submit: the old job's files copied in the store,
 * any other file uploaded, the new task.json naming the old job (the request form's `R`, filled
 * from the old job and edited, ends here too).
 */
export async function submitPreparedResubmit(
	parts: Omit<ResubmitParts, 'tasks' | 'user'>,
	resubmit: PreparedResubmit,
	events: SubmitEvents = {},
): Promise<string> {
	const {store, bucket, clock, transfers} = parts;
	return submitResubmit(
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
		events,
	);
}
