import {parseKey, taskKey, userPrefix} from '../../protocol/keys.js';
import {
	buildMatrixAsync,
	jobStatus,
	type JobRow,
	type JobStatusView,
} from '../../protocol/matrix.js';
import type {Problem} from '../../protocol/problem.js';
import type {Task} from '../../protocol/task.js';
import type {ObjectStore} from '../../storage/store.js';
import {mapLimit} from '../../util/map-limit.js';
import {listingEntries} from '../listing-entries.js';
import type {TaskCache} from '../task-cache.js';

/** One row of the researcher's table: the listing's view of a job joined with its task.json. */
export type ResearcherJob = {
	row: JobRow;
	/** Undefined while the job has no common task.json (being submitted, or broke off). */
	task?: Task;
	/** Why the task.json could not be read; the row says "invalid task" instead of breaking. */
	problems?: Problem[];
	status: JobStatusView;
};

export type ResearcherJobs = {jobs: ResearcherJob[]; biobanks: string[]};

export type LoadJobsOptions = {signal?: AbortSignal; parallel?: number};

/**
 * Every job of `user`, newest first, from one paged listing of `jobs/<user>/` plus the task.json
 * files the cache has not seen yet (fetched in parallel).
 */
export async function loadResearcherJobs(
	store: ObjectStore,
	bucket: string,
	user: string,
	cache: TaskCache,
	options: LoadJobsOptions = {},
): Promise<ResearcherJobs> {
	const taskHashes = new Map<string, string>();
	const matrix = await buildMatrixAsync(
		listingEntries(store, bucket, {prefix: userPrefix(user), signal: options.signal}, (entry) => {
			if (parseKey(entry.key).kind === 'task') taskHashes.set(entry.key, entry.hash);
		}),
	);
	const rows = [...matrix.jobs].sort((a, b) => b.submittedAt - a.submittedAt);
	const jobs = await mapLimit(rows, options.parallel ?? 8, async (row): Promise<ResearcherJob> => {
		const key = taskKey(row.jobId);
		const hash = taskHashes.get(key);
		if (!row.hasTask || hash === undefined) return {row, status: jobStatus(row)};
		const read = await cache.read(store, bucket, key, hash, {
			jobId: row.jobId,
			signal: options.signal,
		});
		if (!read.ok) return {row, problems: read.problems, status: jobStatus(row)};
		return {row, task: read.task, status: jobStatus(row, read.task.biobanks)};
	});
	return {jobs, biobanks: matrix.biobanks};
}
