import {parseJobId} from './job-id.js';
import {checkName} from './names.js';
import {formatProblem, problemAt, type Problem} from './problem.js';
import {issuesToProblems} from './zod-problems.js';
import {
	checkObjectKey,
	knownFields,
	taskSchema,
	type WireInput,
	type WireInstruction,
	type WireLocation,
	type WireOutput,
} from './task-schema.js';

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

/** Every small object of the protocol is written with this content type, as the Python tools do. */
export const taskContentType = 'text/plain';

/**
 * Reads a task.json written by anyone: never throws. Tolerated (and listed in `repairs` where the
 * value changed): `resources` as a one-element list, numbers and booleans as strings, a trailing
 * `""` in `requirements`, a leading `/` on `url` and `object`, an `object` that disagrees with its
 * `url` (the url wins: the deployed tool writes the pgsc_calc container as object
 * `gsc_calc_7.10.22.tar` under url `…/pgsc_calc_7.10.22.tar`, and the file is the latter), an
 * `object` missing the `/` after the job's `input` or `results` folder, and a common task.json
 * holding another biobank's outputs. Unknown fields are kept in `extra`.
 */
export function readTask(text: string, options: ReadTaskOptions = {}): ReadTaskResult {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return {ok: false, problems: [{path: '', message: `task.json is not valid JSON: ${reason}`}]};
	}

	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		return {ok: false, problems: [{path: '', message: 'task.json must hold a JSON object.'}]};
	}

	const parsed = taskSchema.safeParse(json, {reportInput: true});
	if (!parsed.success) {
		return {ok: false, problems: issuesToProblems(parsed.error.issues)};
	}

	const problems: Problem[] = [];
	const repairs: Problem[] = [];
	const wire = parsed.data;
	const job = parseJobId(wire.ID);
	if (job && job.user !== wire['csc-user']) {
		problems.push(
			problemAt(['ID'], `belongs to user ${job.user}, but csc-user is ${wire['csc-user']}`),
		);
	}

	if (options.jobId !== undefined && wire.ID !== options.jobId) {
		problems.push(problemAt(['ID'], `is ${wire.ID}, but the file is in job ${options.jobId}`));
	}

	const jobFolder = job ? `jobs/${job.user}/${job.jobId}/` : undefined;
	const locate = (value: WireLocation, path: PropertyKey[]): ObjectLocation =>
		reconcile(value, path, jobFolder, problems, repairs);
	const task: Task = {
		id: wire.ID,
		name: wire.name,
		description: wire.description,
		cscUser: wire['csc-user'],
		requestor: wire.requestor,
		date: wire.date,
		biobanks: wire.biobanks,
		requirements: wire.requirements,
		resources: withExtra(
			{
				cpuCores: wire.resources.cpuCores,
				ramGb: wire.resources.ramGb,
				diskGb: wire.resources.diskGb,
				timeHours: wire.resources.timeHours,
				preemptible: wire.resources.preemptible,
			},
			wire.resources,
			knownFields.resources,
		),
		storageServer: wire.storageserver,
		inputs: wire.inputs.map((item: WireInput, index) =>
			withExtra(
				{
					name: item.name,
					description: item.description,
					...locate(item, ['inputs', index]),
					path: item.path,
					type: item.type,
				},
				item,
				knownFields.input,
			),
		),
		outputs: wire.outputs.map((item: WireOutput, index) =>
			withExtra({...locate(item, ['outputs', index]), path: item.path}, item, knownFields.output),
		),
		instructions: wire.instructions.map((item: WireInstruction, index) =>
			withExtra({...locate(item, ['instructions', index])}, item, knownFields.instruction),
		),
	};
	const result = withExtra(task, wire, knownFields.task);
	return problems.length > 0 ? {ok: false, problems} : {ok: true, task: result, repairs};
}

/** Thrown by `writeTask` for a task that the reader (ours or the Python tools') would refuse. */
export class InvalidTask extends Error {
	readonly problems: Problem[];

	constructor(problems: Problem[]) {
		super(`The task cannot be written: ${problems.map(formatProblem).join('; ')}`);
		this.name = 'InvalidTask';
		this.problems = problems;
	}
}

/**
 * The task.json text, exactly as the Python tools write it: their field names and order,
 * `json.dumps(task, indent=2)` with its ASCII escapes, no final newline; `resources` as an object,
 * `url` as `<bucket>/<object>`, each tolerated slip mended. Throws `InvalidTask` rather than
 * write what a reader would refuse.
 */
export function writeTask(task: Task): string {
	const check = readTask(pythonJson(toWire(task)));
	if (!check.ok) {
		throw new InvalidTask(check.problems);
	}

	// Written as read back, so that no tolerated slip (a repeated biobank, an empty requirement,
	// a leading "/" or a missing one) is ever written by us.
	return pythonJson(toWire(check.task));
}

/** What `writeTask` would refuse in `task`, or an empty list. */
export function taskProblems(task: Task): Problem[] {
	const check = readTask(pythonJson(toWire(task)));
	return check.ok ? [] : check.problems;
}

/** `<bucket>/<object>`, the task.json's `url`. */
export function objectUrl(location: ObjectLocation): string {
	return `${location.bucket}/${location.object}`;
}

/** Python's `json.dumps(value, indent=2)`: the same text as JSON.stringify but for non-ASCII escapes. */
export function pythonJson(value: unknown): string {
	return JSON.stringify(value, null, 2).replace(
		/[\u007f-\uffff]/g,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

function toWire(task: Task): Record<string, unknown> {
	const {resources} = task;
	return {
		ID: task.id,
		name: task.name,
		description: task.description,
		'csc-user': task.cscUser,
		requestor: task.requestor,
		date: task.date,
		biobanks: task.biobanks,
		requirements: task.requirements,
		resources: withWireExtra(
			{
				cpuCores: resources.cpuCores,
				ramGb: resources.ramGb,
				diskGb: resources.diskGb,
				timeHours: resources.timeHours,
				preemptible: resources.preemptible,
			},
			resources.extra,
		),
		storageserver: task.storageServer,
		inputs: task.inputs.map((item) =>
			withWireExtra(
				{
					name: item.name,
					description: item.description,
					bucket: item.bucket,
					object: item.object,
					url: objectUrl(item),
					path: item.path,
					type: item.type,
				},
				item.extra,
			),
		),
		outputs: task.outputs.map((item) =>
			withWireExtra(
				{bucket: item.bucket, object: item.object, url: objectUrl(item), path: item.path},
				item.extra,
			),
		),
		instructions: task.instructions.map((item) =>
			withWireExtra({bucket: item.bucket, object: item.object}, item.extra),
		),
		...extraEntries(task.extra, knownFields.task),
	};
}

function withWireExtra(known: Record<string, unknown>, extra: Extra | undefined) {
	return {...known, ...extraEntries(extra, Object.keys(known))};
}

/** Extra fields that do not shadow a known one; `fromEntries` keeps even a `__proto__` key as data. */
function extraEntries(extra: Extra | undefined, known: readonly string[]): Extra {
	if (!extra) {
		return {};
	}

	return Object.fromEntries(Object.entries(extra).filter(([key]) => !known.includes(key)));
}

function withExtra<T extends object>(
	known: T,
	wire: object,
	knownKeys: readonly string[],
): T & {extra?: Extra} {
	const extra = extraEntries(wire as Extra, knownKeys);
	return Object.keys(extra).length > 0 ? {...known, extra} : known;
}

/** Bucket and object of an item: the url wins where it disagrees, and the job-folder slash is restored. */
function reconcile(
	value: WireLocation,
	path: PropertyKey[],
	jobFolder: string | undefined,
	problems: Problem[],
	repairs: Problem[],
): ObjectLocation {
	let {bucket, object} = value;
	const fromUrl = value.url === undefined ? undefined : splitUrl(value.url);
	if (fromUrl) {
		if (bucket !== undefined && bucket !== fromUrl.bucket) {
			repairs.push(
				problemAt([...path, 'bucket'], `was ${bucket}; the url names ${fromUrl.bucket}`),
			);
		}

		if (object !== undefined && object !== fromUrl.object) {
			repairs.push(
				problemAt([...path, 'object'], `was ${object}; the url names ${fromUrl.object}`),
			);
		}

		({bucket, object} = fromUrl);
	} else if (value.url !== undefined) {
		const message = `${JSON.stringify(value.url)} is not of the form <bucket>/<object>`;
		if (bucket === undefined || object === undefined) {
			problems.push(problemAt([...path, 'url'], message));
		} else {
			repairs.push(problemAt([...path, 'url'], `${message}; bucket and object are used`));
		}
	}

	if (bucket === undefined) {
		problems.push(problemAt([...path, 'bucket'], 'is missing'));
		return {bucket: '', object: object ?? ''};
	}

	if (object === undefined) {
		problems.push(problemAt([...path, 'object'], 'is missing'));
		return {bucket, object: ''};
	}

	const repaired = jobFolder === undefined ? object : restoreFolderSlash(object, jobFolder);
	if (repaired !== object) {
		repairs.push(problemAt([...path, 'object'], `was ${object}; a "/" was missing`));
	}

	return {bucket, object: repaired};
}

function splitUrl(url: string): ObjectLocation | undefined {
	const slash = url.indexOf('/');
	const bucket = url.slice(0, slash);
	const object = url.slice(slash + 1);
	if (slash <= 0 || !checkName('bucket', bucket).ok || checkObjectKey(object) !== undefined) {
		return undefined;
	}

	return {bucket, object};
}

// The pgsc_calc branch of the requester tool writes `pseudofolder + input_file`: `…/inputdata.txt`.
function restoreFolderSlash(object: string, jobFolder: string): string {
	if (!object.startsWith(jobFolder)) {
		return object;
	}

	const rest = object.slice(jobFolder.length);
	const match = /^(input|[^/]+\/results)([^/].*)$/s.exec(rest);
	return match ? `${jobFolder}${match[1]}/${match[2]}` : object;
}
