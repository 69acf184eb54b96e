import {jobSeconds, type JobId} from './job-id.js';
import {parseKey} from './keys.js';
import {
	fileOf,
	foldListing,
	totalBytes,
	type Fold,
	type ListingEntry,
	type MarkerFile,
	type StoredFile,
} from './listing.js';
import {biobankStatus, summariseStatuses, type BiobankStatus, type JobSummary} from './status.js';

/** One job at one biobank, as the listing shows it. */
export type BiobankCell = {
	biobank: string;
	/** That biobank's task.json exists. */
	hasTask: boolean;
	markers: MarkerFile[];
	/** From the markers alone; `jobStatus` adds what the job's `biobanks` says. */
	status: BiobankStatus;
	results: StoredFile[];
	resultBytes: number;
};

/** One job: a row of the researcher's table. */
export type JobRow = {
	jobId: JobId;
	user: string;
	/** Unix seconds, from the job id. */
	submittedAt: number;
	/** The common task.json exists (a job without it is being submitted, or broke off). */
	hasTask: boolean;
	inputs: StoredFile[];
	inputBytes: number;
	/** Every biobank folder the listing shows, in key order. */
	biobanks: BiobankCell[];
	/** Taking every biobank seen as targeted; `jobStatus` corrects it once task.json is read. */
	summary: JobSummary;
};

export type JobMatrix = {
	/** In listing (key) order, which for job ids of equal length is submit order. */
	jobs: JobRow[];
	/** Every biobank seen in any job, in first-seen order: the table's columns. */
	biobanks: string[];
	/** Keys under `jobs/` that fit no part of the layout (or file a job under another user). */
	ignored: string[];
};

type JobDraft = {
	jobId: JobId;
	user: string;
	submittedAt: number;
	hasTask: boolean;
	inputs: StoredFile[];
	cells: Map<string, CellDraft>;
};

type CellDraft = {biobank: string; hasTask: boolean; markers: MarkerFile[]; results: StoredFile[]};

/**
 * Builds the job × biobank matrix from a listing of `jobs/<user>/` (or of `jobs/`), one entry at a
 * time, in one linear pass: the listing is the only request a researcher's table needs.
 * Inbox notes are skipped; keys that fit no job are kept in `ignored`.
 */
export function createMatrixFold(): Fold<JobMatrix> {
	const jobs = new Map<JobId, JobDraft>();
	const biobanks = new Set<string>();
	const ignored: string[] = [];

	const jobOf = (user: string, jobId: JobId): JobDraft => {
		let job = jobs.get(jobId);
		if (!job) {
			const submittedAt = jobSeconds(jobId);
			job = {jobId, user, submittedAt, hasTask: false, inputs: [], cells: new Map()};
			jobs.set(jobId, job);
		}

		return job;
	};

	const cellOf = (job: JobDraft, biobank: string): CellDraft => {
		let cell = job.cells.get(biobank);
		if (!cell) {
			cell = {biobank, hasTask: false, markers: [], results: []};
			job.cells.set(biobank, cell);
			biobanks.add(biobank);
		}

		return cell;
	};

	return {
		add(entry: ListingEntry) {
			const key = parseKey(entry.key);
			switch (key.kind) {
				case 'task': {
					jobOf(key.user, key.jobId).hasTask = true;
					break;
				}

				case 'reservation': {
					// A job being submitted shows as a row from its first write on.
					jobOf(key.user, key.jobId);
					break;
				}

				case 'input': {
					jobOf(key.user, key.jobId).inputs.push(fileOf(entry, key.file));
					break;
				}

				case 'biobank-task': {
					cellOf(jobOf(key.user, key.jobId), key.biobank).hasTask = true;
					break;
				}

				case 'marker': {
					cellOf(jobOf(key.user, key.jobId), key.biobank).markers.push(fileOf(entry, key.marker));
					break;
				}

				case 'result': {
					cellOf(jobOf(key.user, key.jobId), key.biobank).results.push(fileOf(entry, key.file));
					break;
				}

				case 'request': {
					break;
				}

				case 'unknown': {
					ignored.push(entry.key);
					break;
				}
			}
		},

		result(): JobMatrix {
			return {
				jobs: [...jobs.values()].map((job) => finishJob(job)),
				biobanks: [...biobanks],
				ignored: [...ignored],
			};
		},
	};
}

export function buildMatrix(entries: Iterable<ListingEntry>): JobMatrix {
	const fold = createMatrixFold();
	for (const entry of entries) {
		fold.add(entry);
	}

	return fold.result();
}

export async function buildMatrixAsync(
	entries: AsyncIterable<ListingEntry> | Iterable<ListingEntry>,
): Promise<JobMatrix> {
	return foldListing(createMatrixFold(), entries);
}

/** A biobank's status in a job once the job's `biobanks` (from its task.json) is known. */
export type BiobankState = {biobank: string; status: BiobankStatus; cell?: BiobankCell};

export type JobStatusView = {biobanks: BiobankState[]; summary: JobSummary};

/**
 * Joins a row with the job's `biobanks`: targeted ones first, in the task's order (`not-submitted`
 * where the listing shows no folder), then folders of biobanks the task does not target.
 * Without `targeted` (task.json not read yet), every biobank seen counts as targeted.
 */
export function jobStatus(row: JobRow, targeted?: readonly string[]): JobStatusView {
	if (targeted === undefined) {
		return {
			biobanks: row.biobanks.map((cell) => ({biobank: cell.biobank, status: cell.status, cell})),
			summary: row.summary,
		};
	}

	const cells = new Map(row.biobanks.map((cell) => [cell.biobank, cell]));
	const wanted = new Set(targeted);
	const states: BiobankState[] = [...wanted].map((biobank) => {
		const cell = cells.get(biobank);
		return cell ? {biobank, status: cell.status, cell} : {biobank, status: 'not-submitted'};
	});
	for (const cell of row.biobanks) {
		if (!wanted.has(cell.biobank)) {
			states.push({biobank: cell.biobank, status: 'not-targeted', cell});
		}
	}

	return {biobanks: states, summary: summariseStatuses(states.map((state) => state.status))};
}

function finishJob(job: JobDraft): JobRow {
	const biobanks = [...job.cells.values()].map((cell): BiobankCell => ({
		biobank: cell.biobank,
		hasTask: cell.hasTask,
		// Copies, so that a result taken while the listing goes on does not change under the UI.
		markers: [...cell.markers],
		status: biobankStatus(cell.markers),
		results: [...cell.results],
		resultBytes: totalBytes(cell.results),
	}));
	return {
		jobId: job.jobId,
		user: job.user,
		submittedAt: job.submittedAt,
		hasTask: job.hasTask,
		inputs: [...job.inputs],
		inputBytes: totalBytes(job.inputs),
		biobanks,
		summary: summariseStatuses(biobanks.map((cell) => cell.status)),
	};
}
