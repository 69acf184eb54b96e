import {createHash} from 'node:crypto';
import {biobankTaskKey, requestKey, taskKey} from '../protocol/keys.js';
import type {NewTaskPlan} from '../protocol/new-task.js';
import {requestNoteBody} from '../protocol/request-note.js';
import {taskContentType, writeTask} from '../protocol/task.js';
import {contentTypeWithSummary} from '../protocol/task-summary.js';
import {builtInCatalogue} from '../protocol/catalogue.js';
import {analysisTypeOf} from './analysis-type-of.js';
import {Conflict} from '../storage/errors/index.js';
import type {ObjectStore} from '../storage/store.js';
import type {Clock} from './clock.js';
import {putSmallObject} from './small-object.js';
import {text} from 'node:stream/consumers';
import {writeMarker} from './write-marker.js';

/**
 * Makes a job whose inputs are already stored visible, in the order that keeps every reader
 * safe: each biobank's task.json and `status/submitted`, then the common task.json, and the
 * inbox notes last, so no analyst sees a request before everything it names exists. Run again
 * after a failure, it finishes the same job.
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
	await putCommonTask(store, bucket, plan, signal);
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

/**
 * The common task.json, created only if new: one already there is accepted only when it is this
 * very job (a rerun after the write), never replaced.
 */
async function putCommonTask(
	store: ObjectStore,
	bucket: string,
	plan: NewTaskPlan,
	signal?: AbortSignal,
): Promise<void> {
	const key = taskKey(plan.task.id);
	const body = writeTask(plan.task);
	// What the jobs table shows rides in the content type: a listing then shows the job whole.
	const type = analysisTypeOf(plan.task, builtInCatalogue);
	const md5 = createHash('md5').update(body).digest('hex');
	const contentType = contentTypeWithSummary(taskContentType, plan.task, md5, type);
	try {
		await putSmallObject(store, bucket, key, body, {createOnly: true, contentType, signal});
	} catch (error) {
		if (!(error instanceof Conflict)) throw error;
		const stored = await text((await store.get({container: bucket, key}, {signal})).body);
		if (stored !== body) throw error;
	}
}
