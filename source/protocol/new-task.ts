import {biobankTask} from './biobank-task.js';
import type {AnalysisType} from './catalogue.js';
import {parseJobId, type JobId} from './job-id.js';
import {inputKey} from './keys.js';
import {checkName, checkPythonReadable} from './names.js';
import {problemAt, repeated, type Problem} from './problem.js';
import {checkRelativePath} from './safe-path.js';
import {taskProblems, type Resources, type Task, type TaskInput} from './task.js';
import {typedTextProblem} from './typed-text.js';

export type NewTaskRequest = {
	jobId: JobId;
	/** The bucket the job goes into (inputs and results live there). */
	bucket: string;
	name: string;
	/** The requester's e-mail. */
	requestor: string;
	/** Submit time, ISO 8601 with offset, from the caller's clock. */
	date: string;
	biobanks: string[];
	analysis: AnalysisType;
	/** Names of the files the requester uploads into `input/` (each its own input). */
	uploads?: string[];
	/** Name of the uploaded instructions file, for a type whose requester gives instructions. */
	instructionsFile?: string;
	/** Output file names, for a type whose requester gives them. */
	outputs?: string[];
	requirements?: string[];
	resources?: Omit<Resources, 'extra'>;
};

export type NewTaskPlan = {
	/** The common task.json: the last biobank's copy, as the Python requester tool leaves it. */
	task: Task;
	/** One task.json per biobank, in the order of `biobanks`. */
	biobankTasks: Array<{biobank: string; task: Task}>;
	/** Each requester file and the key it is uploaded to (`input/<name>`), instructions included. */
	uploads: Array<{file: string; key: string; encrypted?: boolean}>;
};

export type NewTaskResult = {ok: true; plan: NewTaskPlan} | {ok: false; problems: Problem[]};

/**
 * Makes the task.json documents of a new job as the Python requester tool does for the same
 * answers: the type's fixed inputs first, then one input per uploaded file (path = its name),
 * outputs at `./<name>`, the type's or the requester's instructions, requirements and resources.
 * Every problem is returned at once, named by the request field it concerns.
 */
export function planNewTask(request: NewTaskRequest): NewTaskResult {
	const {analysis, jobId, bucket} = request;
	const gives = new Set(analysis.requesterGives);
	const job = parseJobId(jobId);
	if (!job) {
		return {
			ok: false,
			problems: [problemAt(['jobId'], 'is not of the form <unix-seconds>-<user>')],
		};
	}

	const readable = checkPythonReadable('user', job.user);
	if (!readable.ok) {
		return {ok: false, problems: [problemAt(['jobId'], readable.reason)]};
	}

	const uploads = request.uploads ?? [];
	const outputs = gives.has('outputs') ? (request.outputs ?? []) : analysis.outputs;
	const instructionsFile = gives.has('instructions') ? request.instructionsFile : undefined;
	const requirements = gives.has('requirements') ? (request.requirements ?? []) : [];
	const problems = [
		...typed(['name'], 'the task name', request.name),
		...typed(['requestor'], 'the e-mail', request.requestor),
		...requirements.flatMap((item, index) => typed(['requirements', index], 'a requirement', item)),
		...checkCount(uploads.length, analysis),
		...uploads.flatMap((file, index) => checkFileName(file, ['uploads', index])),
		...repeated(uploads, (index) => ['uploads', index]),
		...(outputs.length === 0 ? [problemAt(['outputs'], 'names no output file')] : []),
		...outputs.flatMap((output, index) => {
			const check = checkRelativePath(output);
			return check.ok ? [] : [problemAt(['outputs', index], check.reason)];
		}),
		...(gives.has('instructions') && instructionsFile === undefined
			? [problemAt(['instructionsFile'], `is needed for ${analysis.id}`)]
			: []),
		...(instructionsFile === undefined
			? []
			: checkFileName(instructionsFile, ['instructionsFile'])),
		...(request.biobanks.length === 0 ? [problemAt(['biobanks'], 'names no biobank')] : []),
		...request.biobanks.flatMap((biobank, index) => {
			const check = checkName('biobank', biobank);
			const readable = check.ok ? checkPythonReadable('biobank', biobank) : check;
			return readable.ok ? [] : [problemAt(['biobanks', index], readable.reason)];
		}),
		...repeated(request.biobanks, (index) => ['biobanks', index]),
	];
	if (problems.length > 0) {
		return {ok: false, problems};
	}

	const uploaded = (file: string): TaskInput => ({
		name: file,
		description: analysis.requesterInputs.description,
		bucket,
		object: inputKey(jobId, file),
		path: file,
		type: 'FILE',
	});
	const draft: Task = {
		id: jobId,
		name: request.name,
		description: analysis.description,
		cscUser: job.user,
		requestor: request.requestor,
		date: request.date,
		biobanks: [...request.biobanks],
		requirements: gives.has('requirements') ? (request.requirements ?? []) : analysis.requirements,
		resources: gives.has('resources')
			? (request.resources ?? analysis.resources)
			: analysis.resources,
		storageServer: 'allas',
		inputs: [
			...analysis.inputs.map((input): TaskInput => ({...input, type: 'FILE'})),
			...uploads.map((file) => uploaded(file)),
		],
		// Each biobank's copy gets its own result keys from these paths (`biobankTask`).
		outputs: outputs.map((name) => ({
			bucket,
			object: '',
			path: `./${name.replace(/^(?:\.\/)+/, '')}`,
		})),
		instructions:
			instructionsFile === undefined
				? analysis.instructions.map((instruction) => ({...instruction}))
				: [{bucket, object: inputKey(jobId, instructionsFile)}],
	};
	const biobankTasks = request.biobanks.map((biobank) => ({
		biobank,
		task: biobankTask(draft, biobank),
	}));
	const last = biobankTasks.at(-1);
	const shape = last ? taskProblems(last.task) : [];
	if (!last || shape.length > 0) {
		return {ok: false, problems: shape};
	}

	const files =
		instructionsFile === undefined || uploads.includes(instructionsFile)
			? uploads
			: [...uploads, instructionsFile];
	return {
		ok: true,
		plan: {
			task: last.task,
			biobankTasks,
			uploads: files.map((file) => ({file, key: inputKey(jobId, file)})),
		},
	};
}

/** A field a person typed: refused with a clear message when it holds a control character. */
function typed(path: PropertyKey[], what: string, value: string): Problem[] {
	const problem = typedTextProblem(what, value);
	return problem ? [problemAt(path, problem)] : [];
}

function checkCount(count: number, analysis: AnalysisType): Problem[] {
	const {min, max} = analysis.requesterInputs;
	if (count >= min && (max === null || count <= max)) {
		return [];
	}

	const wanted = max === null ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
	return [problemAt(['uploads'], `${analysis.id} takes ${wanted} input files, not ${count}`)];
}

function checkFileName(file: string, path: PropertyKey[]): Problem[] {
	const check = checkRelativePath(file);
	if (!check.ok) {
		return [problemAt(path, check.reason)];
	}

	return check.segments.length === 1 && check.relative === file
		? []
		: [problemAt(path, `must be a file name, not the path ${file}`)];
}
