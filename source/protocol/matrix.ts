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

/** One job at one biobank, as the table needs it: its status, and its results' count and size. */
export type CellSummary = {
	biobank: string;
	/** That biobank's task.json exists. */
	hasTask: boolean;
	/** From the markers alone; `jobStatus` adds what the job's `biobanks` says. */
	status: BiobankStatus;
	resultCount: number;
	resultBytes: number;
};

/** One job at one biobank, as the listing shows it: with its markers and result files. */
export type BiobankCell = CellSummary & {markers: MarkerFile[]; results: StoredFile[]};

/** One job: a row of the researcher's table, with cells of either kind. */
export type JobRowOf<Cell extends CellSummary> = {
	jobId: JobId;
	user: string;
	/** Unix seconds, from the job id. */
	submittedAt: number;
	/** The common task.json exists (a job without it is being submitted, or broke off). */
	hasTask: boolean;
	inputCount: number;
	inputBytes: number;
	/** Every biobank folder the listing shows, in key order. */
	biobanks: Cell[];
	/** Taking every biobank seen as targeted; `jobStatus` corrects it once task.json is read. */
	summary: JobSummary;
};

/** A job with every file the listing shows (a job's page, watch, the interop tests). */
export type JobRow = JobRowOf<BiobankCell> & {inputs: StoredFile[]};

/** A job as the table keeps it: states and counts, no file lists (compact-matrix.ts). */
export type CompactJobRow = JobRowOf<CellSummary>;

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
export type BiobankState<Cell extends CellSummary = BiobankCell> = {
	biobank: string;
	status: BiobankStatus;
	cell?: Cell;
};

export type JobStatusView<Cell extends CellSummary = BiobankCell> = {
	biobanks: Array<BiobankState<Cell>>;
	summary: JobSummary;
};

/**
 * Joins a row with the job's `biobanks`: targeted ones first, in the task's order (`not-submitted`
 * where the listing shows no folder), then folders of biobanks the task does not target.
 * Without `targeted` (task.json not read yet), every biobank seen counts as targeted.
 */
export function jobStatus<Cell extends CellSummary>(
	row: JobRowOf<Cell>,
	targeted?: readonly string[],
): JobStatusView<Cell> {
	if (targeted === undefined) {
		return {
			biobanks: row.biobanks.map((cell) => ({biobank: cell.biobank, status: cell.status, cell})),
			summary: row.summary,
		};
	}

	const cells = new Map(row.biobanks.map((cell) => [cell.biobank, cell]));
	const wanted = new Set(targeted);
	const states: Array<BiobankState<Cell>> = [...wanted].map((biobank) => {
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
		resultCount: cell.results.length,
		resultBytes: totalBytes(cell.results),
	}));
	return {
		jobId: job.jobId,
		user: job.user,
		submittedAt: job.submittedAt,
		hasTask: job.hasTask,
		inputs: [...job.inputs],
		inputCount: job.inputs.length,
		inputBytes: totalBytes(job.inputs),
		biobanks,
		summary: summariseStatuses(biobanks.map((cell) => cell.status)),
	};
}
