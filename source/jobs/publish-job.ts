import {biobankTaskKey, requestKey, taskKey} from '../protocol/keys.js';
import type {NewTaskPlan} from '../protocol/new-task.js';
import {requestNoteBody} from '../protocol/request-note.js';
import {writeTask} from '../protocol/task.js';
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
	plan: NewTaskPlan,
	signal?: AbortSignal,
): Promise<void> {
	const {task} = plan;
	for (const {biobank, task: biobankTask} of plan.biobankTasks) {
		await putSmallObject(store, bucket, biobankTaskKey(task.id, biobank), writeTask(biobankTask), {
			signal,
		});
		await writeMarker(store, bucket, clock, {
			jobId: task.id,
			biobank,
			marker: 'submitted',
			by: task.cscUser,
			signal,
		});
	}
	await putSmallObject(store, bucket, taskKey(task.id), writeTask(task), {
		createOnly: true,
		signal,
	});
	for (const {biobank} of plan.biobankTasks) {
		await putSmallObject(
			store,
			bucket,
			requestKey(biobank, task.id),
			requestNoteBody(task.id, biobank),
			{signal},
		);
	}
}
