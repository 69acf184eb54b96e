import {parseJobId} from './job-id.js';
import {formatProblem, problemAt, type Problem} from './problem.js';
import {issuesToProblems} from './zod-problems.js';
import {
	knownFields,
	taskSchema,
	type WireInput,
	type WireInstruction,
	type WireLocation,
	type WireOutput,
} from './task-schema.js';
import {reconcile} from './task-location.js';
import type {ObjectLocation, ReadTaskOptions, ReadTaskResult, Task} from './task-types.js';
import {pythonJson, toWire, withExtra} from './task-wire.js';

export type * from './task-types.js';
export {objectUrl, pythonJson} from './task-wire.js';

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
