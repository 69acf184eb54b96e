import {IncompleteDelete} from './researcher-errors.js';
import {jobPrefix, requestKey, segmentsContainer} from '../../protocol/keys.js';
import type {ObjectStore} from '../../storage/store.js';
import {assertMayChange, type Actor} from './ownership.js';

export type DeletePlan = {
	jobId: string;
	/** Every object under `jobs/<user>/<jobid>/`: the trailing slash keeps `…-ann` from taking `…-anna`. */
	objects: string[];
	/** The job's inbox notes `<biobank>/requests/<jobid>` that exist. */
	requests: string[];
	/** Large-object segments of the job's files, in `<bucket>_segments` under the same prefix. */
	segments: string[];
	/** Results already delivered: deleting them needs a stronger confirmation. */
	resultCount: number;
	/** Who planned it: `deleteJob` checks the same actor again. */
	actor: Actor;
};

/**
 * What deleting a job would remove, exactly, before anything is removed. Only the job's owner
 * may delete it (another's job is refused naming its owner), unless the actor says `notMine`.
 */
export async function planDeleteJob(
	store: ObjectStore,
	bucket: string,
	jobId: string,
	biobanks: readonly string[],
	actor: Actor,
	signal?: AbortSignal,
): Promise<DeletePlan> {
	assertMayChange(jobId, actor, 'delete');
	const prefix = jobPrefix(jobId);
	const objects = await keysUnder(store, bucket, prefix, signal);
	const requests: string[] = [];
	for (const biobank of biobanks) {
		const key = requestKey(biobank, jobId);
		for await (const entry of store.list(bucket, {prefix: key, signal})) {
			if (entry.kind === 'object' && entry.key === key) requests.push(key);
		}
	}
	const segmentBucket = segmentsContainer(bucket);
	const segments = (await store.containerExists(segmentBucket, {signal}))
		? await keysUnder(store, segmentBucket, prefix, signal)
		: [];
	const resultCount = objects.filter(
		(key) => key.slice(prefix.length).split('/')[1] === 'results',
	).length;
	return {jobId, objects, requests, segments, resultCount, actor};
}

/**
 * Removes exactly what the plan names. Inbox notes go first, so no analyst picks the job up
 * while it disappears; the task.json files go last, so an interrupted delete still shows the
 * job (and can be run again) rather than leaving orphans behind an invisible job.
 */
export async function deleteJob(
	store: ObjectStore,
	bucket: string,
	plan: DeletePlan,
	signal?: AbortSignal,
): Promise<number> {
	assertMayChange(plan.jobId, plan.actor, 'delete');
	const isTask = (key: string) => key.endsWith('/task.json');
	let deleted = 0;
	const remove = async (container: string, keys: string[]) => {
		if (keys.length === 0) return;
		const result = await store.deleteMany(container, keys, {signal});
		if (result.failed.length > 0) {
			throw new IncompleteDelete(plan.jobId, result.failed.length, result.failed[0] ?? {});
		}
		deleted += result.deleted;
	};
	await remove(bucket, plan.requests);
	await remove(
		bucket,
		plan.objects.filter((key) => !isTask(key)),
	);
	await remove(segmentsContainer(bucket), plan.segments);
	await remove(bucket, plan.objects.filter(isTask));
	return deleted;
}

async function keysUnder(
	store: ObjectStore,
	container: string,
	prefix: string,
	signal?: AbortSignal,
): Promise<string[]> {
	const keys: string[] = [];
	for await (const entry of store.list(container, {prefix, signal}))
		if (entry.kind === 'object') keys.push(entry.key);
	return keys;
}
