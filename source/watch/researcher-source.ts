import {listingEntries} from '../jobs/listing-entries.js';
import type {TaskCache} from '../jobs/task-cache.js';
import {parseKey, taskKey, userPrefix} from '../protocol/keys.js';
import {parseMarkerBody} from '../protocol/markers.js';
import {buildMatrixAsync, type BiobankCell} from '../protocol/matrix.js';
import type {BiobankStatus} from '../protocol/status.js';
import type {ObjectStore} from '../storage/store.js';
import type {Observation, WatchSource} from './observation.js';
import {readSmallText} from './read-small-text.js';
import type {EventDetails, EventKind} from './watch-event.js';

/** What a researcher is told when a biobank reaches a status (waiting and cancelled: nothing). */
const eventOfStatus: Partial<Record<BiobankStatus, EventKind>> = {
	processing: 'claimed',
	ready: 'ready',
	failed: 'failed',
	declined: 'declined',
};

/** The marker that starts each status (its listing time tells a newer state from a stale one). */
const markerOfStatus: Partial<Record<BiobankStatus, string>> = {
	waiting: 'submitted',
	processing: 'processing',
	ready: 'ready',
	failed: 'failed',
	declined: 'declined',
	cancelled: 'cancelled',
};

const maxMarkerBytes = 64 * 1024;

/**
 * A researcher's jobs: one paged listing of `jobs/<user>/` per poll (10,000 names a request), the
 * status of each job at each biobank folded from it as the jobs table does. Only for a change
 * does it read more: the task.json (through the task cache: once per job, ever) and the marker.
 */
export function researcherSource(
	store: ObjectStore,
	bucket: string,
	user: string,
	tasks: TaskCache,
): WatchSource {
	return {
		name: `the jobs of ${user}`,
		async observe(signal) {
			const taskHashes = new Map<string, string>();
			const matrix = await buildMatrixAsync(
				listingEntries(store, bucket, {prefix: userPrefix(user), signal}, (entry) => {
					if (parseKey(entry.key).kind === 'task') taskHashes.set(entry.key, entry.hash);
				}),
			);
			const describeJob = async (jobId: string, readSignal?: AbortSignal) => {
				const key = taskKey(jobId);
				const hash = taskHashes.get(key);
				if (hash === undefined) return {};
				const read = await tasks.read(store, bucket, key, hash, {jobId, signal: readSignal});
				return read.ok ? {name: read.task.name, requestor: read.task.requestor} : {};
			};

			return matrix.jobs.flatMap((row) =>
				row.biobanks.map((cell): Observation => {
					const marker = cell.markers.find((file) => file.name === markerOfStatus[cell.status]);
					return {
						subject: `${row.jobId}/${cell.biobank}`,
						state: cell.status,
						since: marker?.lastModified,
						jobId: row.jobId,
						user: row.user,
						biobank: cell.biobank,
						event: eventOfStatus[cell.status],
						async describe(readSignal) {
							const details: EventDetails = await describeJob(row.jobId, readSignal);
							Object.assign(details, await describeMarker(marker?.key, readSignal), results(cell));
							return details;
						},
					};
				}),
			);

			async function describeMarker(key: string | undefined, readSignal?: AbortSignal) {
				if (!key) return {};
				const body = await readSmallText(store, bucket, key, maxMarkerBytes, readSignal);
				if (body === undefined) return {};
				const {by, reason} = parseMarkerBody(body);
				return {...(by ? {by} : {}), ...(reason ? {reason} : {})};
			}
		},
	};
}

function results(cell: BiobankCell): EventDetails {
	return cell.status === 'ready'
		? {resultFiles: cell.results.length, resultBytes: cell.resultBytes}
		: {};
}
