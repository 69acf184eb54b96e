import {taskContentType} from '../protocol/task.js';
import type {ObjectStore, PutResult} from '../storage/store.js';

/**
 * Writes one of the protocol's small objects (task.json, markers, inbox notes): whole, in one
 * PUT, as `text/plain` like the Python tools (the common task.json adds its summary to it:
 * protocol/task-summary.ts), optionally only if it does not exist yet.
 */
export function putSmallObject(
	store: ObjectStore,
	bucket: string,
	key: string,
	body: string,
	options: {createOnly?: boolean; contentType?: string; signal?: AbortSignal} = {},
): Promise<PutResult> {
	return store.put({container: bucket, key}, body, {contentType: taskContentType, ...options});
}
