import {parseKey, taskKey, userPrefix} from '../../protocol/keys.js';
import {buildCompactMatrixAsync} from '../../protocol/compact-matrix.js';
import {
	jobStatus,
	type CellSummary,
	type CompactJobRow,
	type JobStatusView,
} from '../../protocol/matrix.js';
import type {Problem} from '../../protocol/problem.js';
import type {ReadTaskResult} from '../../protocol/task.js';
import {summaryFromContentType, type TaskSummary} from '../../protocol/task-summary.js';
import type {ObjectStore} from '../../storage/store.js';
import {mapLimit} from '../../util/map-limit.js';
import {throttled} from '../../util/throttled.js';
import {listingEntries} from '../listing-entries.js';
import type {TaskCache} from '../task-cache.js';
import {summaryOfTask} from './summary-of-task.js';

/** One row of the researcher's table: the listing's view of a job joined with its task.json. */
export type ResearcherJob = {
	/** States and counts only: a job's page lists its folder again for the files. */
	row: CompactJobRow;
	/**
	 * What the table shows of the task.json: from the listing (the content type of a task.json
	 * ivjm wrote), or read from the task.json. Undefined while the job has none (being
	 * submitted, or broke off) or it is still being read.
	 */
	about?: TaskSummary;
	/** Why the task.json could not be read; the row says "invalid task" instead of breaking. */
	problems?: Problem[];
	status: JobStatusView<CellSummary>;
	/** The task.json is still being read; the row shows the listing's view meanwhile. */
	pending?: boolean;
};

export type ResearcherJobs = {jobs: ResearcherJob[]; biobanks: string[]};

/**
 * task.json reads at once by default. On the single-process test Swift, 8, 16 and 32 take the
 * same time (the proxy is the limit: test/bench/overview-probe.ts); against Allas over a WAN,
 * each read waits a round trip, so more in flight hides more of it.
 */
export const defaultTaskReads = 16;

export type LoadJobsOptions = {
	signal?: AbortSignal;
	/** task.json reads at once: each is one small GET, so latency, not bandwidth, bounds them. */
	parallel?: number;
	/**
	 * Called with the whole table as soon as the listing is in (statuses complete, tasks from the
	 * listing or the cache), then again as the missing task.json files arrive, at most every
	 * `progressMs`.
	 */
	onProgress?: (partial: ResearcherJobs) => void;
	progressMs?: number;
};

/** What the listing said of a job's common task.json. */
type ListedTask = {hash: string; summary?: TaskSummary};

/**
 * Every job of `user`, newest first, from one paged listing of `jobs/<user>/`. A task.json that
 * ivjm wrote carries the table's fields in its content type; the others (written by the Python
 * tools, or whose summary does not match) are read, in parallel, unless the cache has them.
 */
export async function loadResearcherJobs(
	store: ObjectStore,
	bucket: string,
	user: string,
	cache: TaskCache,
	options: LoadJobsOptions = {},
): Promise<ResearcherJobs> {
	const tasks = new Map<string, ListedTask>();
	const shared = sharedSummaries();
	const matrix = await buildCompactMatrixAsync(
		listingEntries(store, bucket, {prefix: userPrefix(user), signal: options.signal}, (entry) => {
			const key = parseKey(entry.key);
			if (key.kind !== 'task') return;
			const {hash} = entry;
			const summary = shared(summaryFromContentType(entry.contentType, {jobId: key.jobId, hash}));
			tasks.set(key.jobId, summary ? {hash, summary} : {hash});
		}),
	);
	const rows = [...matrix.jobs].sort((a, b) => b.submittedAt - a.submittedAt);
	await cache.ready();
	const jobs = rows.map((row) => knownJob(row, tasks.get(row.jobId), cache));
	const report = throttled(options.progressMs ?? 250, () =>
		options.onProgress?.({jobs: [...jobs], biobanks: matrix.biobanks}),
	);
	report.now();
	try {
		await mapLimit(rows, options.parallel ?? defaultTaskReads, async (row, index) => {
			if (!jobs[index]?.pending) return;
			const read = await cache.read(store, bucket, taskKey(row.jobId), tasks.get(row.jobId)!.hash, {
				jobId: row.jobId,
				signal: options.signal,
			});
			jobs[index] = withTask(row, read);
			report.soon();
		});
	} finally {
		report.cancel();
		await cache.flush();
	}
	return {jobs, biobanks: matrix.biobanks};
}

/**
 * Summaries with the strings most jobs share (description, requester, type, biobanks) kept once:
 * each is decoded afresh from its content type, and 10,000 jobs would hold 10,000 copies.
 */
function sharedSummaries(): (summary: TaskSummary | undefined) => TaskSummary | undefined {
	const strings = new Map<string, string>();
	const lists = new Map<string, string[]>();
	const once = (text: string) => {
		const known = strings.get(text);
		if (known !== undefined) return known;
		strings.set(text, text);
		return text;
	};
	return (summary) => {
		if (!summary) return undefined;
		const listKey = summary.biobanks.join('\n');
		let biobanks = lists.get(listKey);
		if (!biobanks) lists.set(listKey, (biobanks = summary.biobanks.map(once)));
		const {name, description, requestor, type} = summary;
		return {
			name,
			description: once(description),
			requestor: once(requestor),
			biobanks,
			type: once(type),
		};
	};
}

/** A row as far as the listing and the cache know it; `pending` if its task.json must be read. */
function knownJob(
	row: CompactJobRow,
	listed: ListedTask | undefined,
	cache: TaskCache,
): ResearcherJob {
	if (!row.hasTask || listed === undefined) return {row, status: jobStatus(row)};
	const {summary} = listed;
	if (summary) return {row, about: summary, status: jobStatus(row, summary.biobanks)};
	const read = cache.peek(taskKey(row.jobId), listed.hash, row.jobId);
	return read ? withTask(row, read) : {row, status: jobStatus(row), pending: true};
}

function withTask(row: CompactJobRow, read: ReadTaskResult): ResearcherJob {
	if (!read.ok) return {row, problems: read.problems, status: jobStatus(row)};
	const about = summaryOfTask(read.task);
	return {row, about, status: jobStatus(row, about.biobanks)};
}
