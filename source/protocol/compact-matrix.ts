import {jobSeconds, type JobId} from './job-id.js';
import {parseKey} from './keys.js';
import {foldListing, type Fold, type ListingEntry} from './listing.js';
import type {CellSummary, CompactJobRow} from './matrix.js';
import {isMarkerName, type MarkerName} from './markers.js';
import {biobankStatus, summariseStatuses} from './status.js';

/** The researcher's table as it is kept while it is open: states and counts, no file lists. */
export type CompactMatrix = {
	/** In listing (key) order. */
	jobs: CompactJobRow[];
	/** Every biobank seen in any job, in first-seen order: the table's columns. */
	biobanks: string[];
};

/** What a cell needs of its markers until its status is known: the name and the time. */
type MarkerSeen = {name: MarkerName; lastModified?: string};

type CellDraft = Omit<CellSummary, 'status'> & {markers: MarkerSeen[]};

type JobDraft = Omit<CompactJobRow, 'biobanks' | 'summary'> & {cells: CellDraft[]};

/**
 * The job × biobank matrix of `createMatrixFold` (matrix.ts) in the form the table keeps for
 * thousands of jobs: each cell holds its status and its results' count and bytes, each job its
 * inputs' count and bytes. No key, file name or date is kept past the pass (a job's page lists
 * its own folder again for those), and each biobank and user name is kept once, not per row.
 * Inbox notes and keys that fit no job are skipped.
 */
export function createCompactMatrixFold(): Fold<CompactMatrix> {
	const jobs = new Map<JobId, JobDraft>();
	// One string per biobank and per user, whichever key named it first.
	const names = new Map<string, string>();
	const once = (name: string) => {
		const known = names.get(name);
		if (known !== undefined) return known;
		names.set(name, name);
		return name;
	};
	const biobanks = new Set<string>();

	const jobOf = (user: string, jobId: JobId): JobDraft => {
		let job = jobs.get(jobId);
		if (!job) {
			const submittedAt = jobSeconds(jobId);
			job = {
				jobId,
				user: once(user),
				submittedAt,
				hasTask: false,
				inputCount: 0,
				inputBytes: 0,
				cells: [],
			};
			jobs.set(jobId, job);
		}
		return job;
	};

	const cellOf = (job: JobDraft, biobank: string): CellDraft => {
		let cell = job.cells.find((candidate) => candidate.biobank === biobank);
		if (!cell) {
			const name = once(biobank);
			cell = {biobank: name, hasTask: false, markers: [], resultCount: 0, resultBytes: 0};
			job.cells.push(cell);
			biobanks.add(name);
		}
		return cell;
	};

	return {
		add(entry: ListingEntry) {
			const key = parseKey(entry.key);
			if (key.kind === 'unknown' || key.kind === 'request') return;
			const job = jobOf(key.user, key.jobId);
			switch (key.kind) {
				case 'task': {
					job.hasTask = true;
					break;
				}
				case 'input': {
					job.inputCount++;
					job.inputBytes += entry.bytes;
					break;
				}
				case 'biobank-task': {
					cellOf(job, key.biobank).hasTask = true;
					break;
				}
				case 'marker': {
					const cell = cellOf(job, key.biobank);
					// Unknown marker names change no status (the Python tools ignore them too).
					if (isMarkerName(key.marker)) cell.markers.push(markerSeen(key.marker, entry));
					break;
				}
				case 'result': {
					const cell = cellOf(job, key.biobank);
					cell.resultCount++;
					cell.resultBytes += entry.bytes;
					break;
				}
				case 'reservation': {
					// A job being submitted shows as a row from its first write on.
					break;
				}
			}
		},

		result(): CompactMatrix {
			return {jobs: [...jobs.values()].map((job) => finishJob(job)), biobanks: [...biobanks]};
		},
	};
}

export async function buildCompactMatrixAsync(
	entries: AsyncIterable<ListingEntry> | Iterable<ListingEntry>,
): Promise<CompactMatrix> {
	return foldListing(createCompactMatrixFold(), entries);
}

function markerSeen(name: MarkerName, entry: ListingEntry): MarkerSeen {
	return entry.lastModified === undefined ? {name} : {name, lastModified: entry.lastModified};
}

function finishJob(job: JobDraft): CompactJobRow {
	const biobanks = job.cells.map((cell): CellSummary => ({
		biobank: cell.biobank,
		hasTask: cell.hasTask,
		status: biobankStatus(cell.markers),
		resultCount: cell.resultCount,
		resultBytes: cell.resultBytes,
	}));
	return {
		jobId: job.jobId,
		user: job.user,
		submittedAt: job.submittedAt,
		hasTask: job.hasTask,
		inputCount: job.inputCount,
		inputBytes: job.inputBytes,
		biobanks,
		summary: summariseStatuses(biobanks.map((cell) => cell.status)),
	};
}
