import {biobankTask} from '../protocol/biobank-task.js';
import {biobankTaskKey, requestKey, taskKey} from '../protocol/keys.js';
import {requestNoteBody} from '../protocol/request-note.js';
import {writeTask, type Task} from '../protocol/task.js';
import type {ObjectStore} from '../storage/store.js';
import type {Clock} from './clock.js';
import {putSmallObject} from './small-object.js';
import {writeMarker} from './write-marker.js';

/**
 * Makes a job whose inputs are already stored visible, in the order that keeps every reader
 * safe: each biobank's task.json and `status/submitted`, then the common task.json (created
 * only if new: two submits in one second must not overwrite each other), and the inbox notes
 * last, so no analyst sees a request before everything it names exists.
 */
export async function publishJob(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	task: Task,
	signal?: AbortSignal,
): Promise<void> {
	const texts = task.biobanks.map((biobank) => ({
		biobank,
		text: writeTask(biobankTask(task, biobank)),
	}));
	for (const {biobank, text} of texts) {
		await putSmallObject(store, bucket, biobankTaskKey(task.id, biobank), text, {signal});
		await writeMarker(store, bucket, clock, {
			jobId: task.id,
			biobank,
			marker: 'submitted',
			by: task.cscUser,
			signal,
		});
	}
	// The Python requester leaves the last biobank's copy as the common task.json.
	const common = texts.at(-1)?.text ?? writeTask(task);
	await putSmallObject(store, bucket, taskKey(task.id), common, {createOnly: true, signal});
	for (const biobank of task.biobanks) {
		await putSmallObject(
			store,
			bucket,
			requestKey(biobank, task.id),
			requestNoteBody(task.id, biobank),
			{signal},
		);
	}
}
