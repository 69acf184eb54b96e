import type {MarkerFile, StoredFile} from '../../protocol/listing.js';
import type {MarkerBody} from '../../protocol/markers.js';
import type {Problem} from '../../protocol/problem.js';
import type {BiobankStatus} from '../../protocol/status.js';
import type {Task} from '../../protocol/task.js';

/** A file the task reads, with its size in storage when it could be told. */
export type JobFile = {
	name: string;
	/** Where it goes in the job folder, as the task says (instructions: the object's file name). */
	path: string;
	bucket: string;
	object: string;
	bytes?: number;
	/** Storage says there is no such object: the job cannot be run as it is. */
	missing: boolean;
};

/** The marker that decides the status, with what its body says (who, since when, why). */
export type StatusHolder = MarkerBody & {marker: string};

/** One job addressed to the biobank: a row of the analyst's inbox, and what its view shows. */
export type InboxJob = {
	jobId: string;
	/** The requester (CSC user), from the job id. */
	user: string;
	/** Unix seconds, from the job id. */
	submittedAt: number;
	status: BiobankStatus;
	/** Waiting for an analyst: a claim is offered. */
	claimable: boolean;
	holder?: StatusHolder;
	/**
	 * A failure or refusal a later claim took up again, with its reason (read for a job's view,
	 * not for the table): history, not the state now.
	 */
	earlier?: StatusHolder;
	markers: MarkerFile[];
	results: StoredFile[];
	/** The biobank's task.json, when it could be read. */
	task?: Task;
	/** Slips of the Python tools that were tolerated (shown, not fatal). */
	repairs: Problem[];
	/** Why the job cannot be used: a bad inbox note, a missing or malformed task.json. */
	problems?: Problem[];
	analysisType?: string;
	inputs: JobFile[];
	instructions: JobFile[];
	/** Total size of the inputs whose size is known. */
	inputBytes: number;
	missingInputs: number;
};

export type AnalystInbox = {
	biobank: string;
	/** Newest first. */
	jobs: InboxJob[];
	/** Keys under `<biobank>/requests/` that are not a job id. */
	ignored: string[];
};
