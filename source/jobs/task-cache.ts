import {text} from 'node:stream/consumers';
import {readTask, type ReadTaskResult} from '../protocol/task.js';
import type {ObjectStore} from '../storage/store.js';
import {systemClock, type Clock} from './clock.js';
import {dayOf, type SavedTask, type TaskCacheFile} from './task-cache-file.js';

type Entry = SavedTask & {result?: ReadTaskResult};

export type TaskCacheOptions = {file?: TaskCacheFile; clock?: Clock};

/**
 * task.json files, read once: a job's description does not change after it is published, so
 * a refresh fetches only the ones it has not seen (or whose ETag changed), never one per job.
 * With a `file`, what was read survives the process: the next start reads only new jobs.
 */
export class TaskCache {
	private readonly entries = new Map<string, Entry>();
	private readonly file?: TaskCacheFile;
	private readonly clock: Clock;
	private loading?: Promise<void>;
	private changed = false;

	constructor(options: TaskCacheOptions = {}) {
		this.file = options.file;
		this.clock = options.clock ?? systemClock;
	}

	/** Reads the cache file once, before the first lookup. */
	async ready(): Promise<void> {
		this.loading ??= (async () => {
			for (const [key, saved] of (await this.file?.load()) ?? []) {
				if (!this.entries.has(key)) this.entries.set(key, saved);
			}
		})();
		await this.loading;
	}

	/** The task at `key` if this exact version (`hash`) was read before; undefined otherwise. */
	peek(key: string, hash: string, jobId?: string): ReadTaskResult | undefined {
		const entry = this.entries.get(key);
		if (entry?.hash !== hash) return undefined;
		const today = dayOf(this.clock.now());
		if (entry.usedDay !== today) {
			entry.usedDay = today;
			this.changed = true;
		}
		// Parsed on first use: a start with 10,000 cached jobs should not validate them all at once.
		entry.result ??= readTask(entry.body, {jobId});
		return entry.result;
	}

	async read(
		store: ObjectStore,
		bucket: string,
		key: string,
		hash: string,
		options: {jobId?: string; signal?: AbortSignal} = {},
	): Promise<ReadTaskResult> {
		await this.ready();
		const cached = this.peek(key, hash, options.jobId);
		if (cached) return cached;
		const {body} = await store.get({container: bucket, key}, {signal: options.signal});
		const content = await text(body);
		const result = readTask(content, {jobId: options.jobId});
		this.entries.set(key, {hash, body: content, usedDay: dayOf(this.clock.now()), result});
		this.changed = true;
		return result;
	}

	/** Writes what changed to the cache file; a cache that cannot be written is only slower. */
	async flush(): Promise<void> {
		if (!this.file || !this.changed) return;
		this.changed = false;
		const saved = new Map<string, SavedTask>();
		for (const [key, {hash, body, usedDay}] of this.entries) saved.set(key, {hash, body, usedDay});
		await this.file.save(saved, dayOf(this.clock.now())).catch(() => undefined);
	}
}
