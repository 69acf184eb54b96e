import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {writePrivateFile} from '../util/write-private-file.js';

/** One remembered task.json: its ETag, its exact text, and the day it was last needed. */
export type SavedTask = {hash: string; body: string; usedDay: number};

/** Entries no listing has needed for this many days are dropped (the job was deleted). */
const keepDays = 30;
const millisecondsPerDay = 86_400_000;

export function dayOf(epochMilliseconds: number): number {
	return Math.floor(epochMilliseconds / millisecondsPerDay);
}

/**
 * The task.json files seen before, kept on disk between runs (mode 0600) so that a start lists
 * the bucket and reads only the jobs that are new since: a task.json never changes once
 * published, and its ETag (the MD5 of its text) says if it did. It is a cache: a missing,
 * unreadable or malformed file means an empty one, and a failed write is ignored.
 */
export class TaskCacheFile {
	constructor(readonly path: string) {}

	/** The cache file of one bucket in one store, under `folder`. */
	static of(folder: string, storeDescription: string, bucket: string): TaskCacheFile {
		const scope = createHash('sha256').update(`${storeDescription}\n${bucket}`).digest('hex');
		return new TaskCacheFile(join(folder, 'tasks', `${scope.slice(0, 24)}.json`));
	}

	async load(): Promise<Map<string, SavedTask>> {
		const entries = new Map<string, SavedTask>();
		let parsed: unknown;
		try {
			parsed = JSON.parse(await readFile(this.path, 'utf8'));
		} catch {
			return entries;
		}
		const tasks = (parsed as {version?: unknown; tasks?: unknown} | null)?.tasks;
		if (typeof tasks !== 'object' || tasks === null) return entries;
		for (const [key, value] of Object.entries(tasks)) {
			if (isSavedTask(value)) entries.set(key, value);
		}
		return entries;
	}

	async save(entries: ReadonlyMap<string, SavedTask>, today: number): Promise<void> {
		const tasks: Record<string, SavedTask> = {};
		for (const [key, entry] of entries) {
			if (today - entry.usedDay <= keepDays) tasks[key] = entry;
		}
		await writePrivateFile(this.path, JSON.stringify({version: 1, tasks}));
	}
}

function isSavedTask(value: unknown): value is SavedTask {
	const entry = value as Partial<SavedTask> | null;
	return (
		typeof entry?.hash === 'string' &&
		typeof entry.body === 'string' &&
		typeof entry.usedDay === 'number'
	);
}
