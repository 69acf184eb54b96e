import {text} from 'node:stream/consumers';
import {readTask, type ReadTaskResult} from '../protocol/task.js';
import type {ObjectStore} from '../storage/store.js';

/**
 * task.json files, read once: a job's description does not change after it is published, so
 * a refresh fetches only the ones it has not seen (or whose ETag changed), never one per job.
 */
export class TaskCache {
	private readonly entries = new Map<string, {hash: string; result: ReadTaskResult}>();

	get(key: string, hash: string): ReadTaskResult | undefined {
		const entry = this.entries.get(key);
		return entry && entry.hash === hash ? entry.result : undefined;
	}

	async read(
		store: ObjectStore,
		bucket: string,
		key: string,
		hash: string,
		options: {jobId?: string; signal?: AbortSignal} = {},
	): Promise<ReadTaskResult> {
		const cached = this.get(key, hash);
		if (cached) return cached;
		const {body} = await store.get({container: bucket, key}, {signal: options.signal});
		const result = readTask(await text(body), {jobId: options.jobId});
		this.entries.set(key, {hash, result});
		return result;
	}
}
