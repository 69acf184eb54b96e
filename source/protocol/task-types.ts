import type {Problem} from './problem.js';

/** A job description as ivjm holds it: our names for the Python tools' task.json fields. */

/** Fields a newer tool added that we do not know: kept as read, written back after ours. */
export type Extra = Record<string, unknown>;

export type Resources = {
	cpuCores: number;
	ramGb: number;
	diskGb: number;
	timeHours: number;
	preemptible: boolean;
	extra?: Extra;
};

/** Where a file lives in Swift. The task.json's `url` is always `<bucket>/<object>`, so it is derived. */
export type ObjectLocation = {bucket: string; object: string};

export type TaskInput = ObjectLocation & {
	name: string;
	description: string;
	/** Where the file goes, relative to the job's folder, as written (`./x.tar` or `x.tar`). */
	path: string;
	type: 'FILE' | 'DIRECTORY';
	extra?: Extra;
};

export type TaskOutput = ObjectLocation & {
	/** The result file in the analyst's job folder; its result key is `results/<path without ./>`. */
	path: string;
	extra?: Extra;
};

export type TaskInstruction = ObjectLocation & {extra?: Extra};

/** A job description (task.json), with our names for the Python tools' fields. */
export type Task = {
	/** `ID`: the job id. */
	id: string;
	name: string;
	description: string;
	/** `csc-user`: the requester's CSC user name. */
	cscUser: string;
	/** The requester's e-mail. */
	requestor: string;
	/** Submit time, as written (Python: local `2022-10-05 12:34:56.123456`; ours: ISO 8601). */
	date: string;
	biobanks: string[];
	requirements: string[];
	resources: Resources;
	/** `storageserver`: `"allas"`. */
	storageServer: string;
	inputs: TaskInput[];
	outputs: TaskOutput[];
	instructions: TaskInstruction[];
	extra?: Extra;
};

export type ReadTaskResult =
	{ok: true; task: Task; repairs: Problem[]} | {ok: false; problems: Problem[]};

export type ReadTaskOptions = {
	/** The job id the key says this task.json belongs to: a different `ID` is a problem. */
	jobId?: string;
};
