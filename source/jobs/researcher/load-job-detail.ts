import {text} from 'node:stream/consumers';
import {jobPrefix, taskKey} from '../../protocol/keys.js';
import {parseMarkerBody, type MarkerBody} from '../../protocol/markers.js';
import {
	buildMatrixAsync,
	jobStatus,
	type JobRow,
	type JobStatusView,
} from '../../protocol/matrix.js';
import type {ObjectStore} from '../../storage/store.js';
import {NotFound} from '../../storage/errors/index.js';
import {mapLimit} from '../../util/map-limit.js';
import {listingEntries} from '../listing-entries.js';
import type {TaskCache} from '../task-cache.js';
import type {Task} from '../../protocol/task.js';
import type {ResearcherJob} from './load-jobs.js';
import {summaryOfTask} from './summary-of-task.js';

/** A marker with what its body says: who wrote it, when, and why. */
export type MarkerDetail = {biobank: string; name: string; lastModified?: string; body: MarkerBody};

export type JobDetail = Omit<ResearcherJob, 'row' | 'status'> & {
	/** The job with every file its folder's listing shows. */
	row: JobRow;
	status: JobStatusView;
	/** The whole task.json, as the job page shows it. */
	task?: Task;
	markers: MarkerDetail[];
	/** Keys in the job's folder that fit no part of the layout (a result with an unsafe name…). */
	ignored?: string[];
};

/** One job in full: a listing of its folder, its task.json, and the body of every marker. */
export async function loadJobDetail(
	store: ObjectStore,
	bucket: string,
	jobId: string,
	cache: TaskCache,
	signal?: AbortSignal,
): Promise<JobDetail> {
	let taskHash: string | undefined;
	const matrix = await buildMatrixAsync(
		listingEntries(store, bucket, {prefix: jobPrefix(jobId), signal}, (entry) => {
			if (entry.key === taskKey(jobId)) taskHash = entry.hash;
		}),
	);
	const row = matrix.jobs.find((job) => job.jobId === jobId);
	if (!row)
		throw new NotFound(`There is no job ${jobId} in ${bucket}.`, {
			container: bucket,
			key: jobPrefix(jobId),
		});
	const markerFiles = row.biobanks.flatMap((cell) =>
		cell.markers.map((marker) => ({biobank: cell.biobank, marker})),
	);
	const markers = await mapLimit(
		markerFiles,
		8,
		async ({biobank, marker}): Promise<MarkerDetail> => {
			const {body} = await store.get({container: bucket, key: marker.key}, {signal});
			return {
				biobank,
				name: marker.name,
				lastModified: marker.lastModified,
				body: parseMarkerBody(await text(body)),
			};
		},
	);
	const {ignored} = matrix;
	if (taskHash === undefined) return {row, status: jobStatus(row), markers, ignored};
	const read = await cache.read(store, bucket, taskKey(jobId), taskHash, {jobId, signal});
	if (!read.ok) return {row, problems: read.problems, status: jobStatus(row), markers, ignored};
	const {task} = read;
	const about = summaryOfTask(task);
	return {row, task, about, status: jobStatus(row, task.biobanks), markers, ignored};
}
