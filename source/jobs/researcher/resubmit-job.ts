import {builtInCatalogue, findAnalysisType} from '../../protocol/catalogue.js';
import {jobPrefix} from '../../protocol/keys.js';
import type {Task} from '../../protocol/task.js';
import type {ObjectRef} from '../../storage/store.js';
import {sha256MetadataName, type UploadFile} from '../../transfer/transfer.js';
import {analysisTypeOf} from '../analysis-type-of.js';
import {JobError} from '../job-error.js';
import type {TaskCache} from '../task-cache.js';
import {loadJobDetail} from './load-job-detail.js';
import {inputsFromTaskFile} from './resubmit-task-file.js';
import {
	prepareSubmit,
	submitJob,
	type PreparedSubmit,
	type SubmitDependencies,
	type SubmitEvents,
} from './submit-job.js';

/** The task.json field that names the job a resubmission replaces; the Python tools ignore it. */
export const replacesField = 'replaces';

/** The statuses a resubmission is for, and the biobanks it goes to by default. */
const gaveUp = new Set(['failed', 'declined', 'cancelled']);

/** What `copyFrom` paths look like: never a file name a person types. */
const copyScheme = 'swift-copy:';

export type PreparedResubmit = {
	prepared: PreparedSubmit;
	/** The old job. */
	replaces: string;
	/** Each input taken from the old job: its stand-in path and the object it is copied from. */
	copies: Map<string, ObjectRef>;
};

/**
 * A new job from an old one: its task.json's answers, to `biobanks` (default: those that failed,
 * declined or were cancelled), its uploaded inputs and instructions taken from the bucket. No
 * local file is needed; `submitResubmit` copies them server-side.
 */
export async function prepareResubmit(
	deps: Pick<SubmitDependencies, 'store' | 'bucket' | 'clock'> & {tasks: TaskCache; user: string},
	jobId: string,
	biobanks: readonly string[] = [],
	signal?: AbortSignal,
	/** `--task FILE`: the new job's answers from this task.json rather than the old job's. */
	fileTask?: Task,
): Promise<PreparedResubmit> {
	const detail = await loadJobDetail(deps.store, deps.bucket, jobId, deps.tasks, signal);
	const old = detail.task;
	if (!old) {
		throw new JobError(
			jobId,
			`The task.json of ${jobId} cannot be read, so it cannot be resubmitted.`,
		);
	}

	const task = fileTask ?? old;
	const analysis = findAnalysisType(builtInCatalogue, analysisTypeOf(task, builtInCatalogue));
	if (!analysis)
		throw new JobError(jobId, `${jobId} is of an analysis type this ivjm does not know.`);
	const targets =
		biobanks.length > 0
			? [...biobanks]
			: fileTask
				? [...fileTask.biobanks]
				: gaveUpBiobanks(detail.row);
	if (targets.length === 0) {
		throw new JobError(
			jobId,
			`No biobank failed, declined or cancelled ${jobId}: name the biobanks with --biobank.`,
		);
	}

	const copies = new Map<string, ObjectRef>();
	const own = ownFiles(old, deps.bucket, jobId, copies);
	const inputs = fileTask
		? await inputsFromTaskFile(deps.store, fileTask, own.inputs, copies, jobId, signal)
		: own.inputs;
	const prepared = prepareSubmit(
		{
			user: deps.user,
			name: task.name,
			requestor: task.requestor,
			biobanks: targets,
			analysis,
			inputFiles: inputs,
			instructionsFile: own.instructions,
			outputs: task.outputs.map((output) => output.path.replace(/^\.\//u, '')),
			requirements: task.requirements,
			resources: {
				cpuCores: task.resources.cpuCores,
				ramGb: task.resources.ramGb,
				diskGb: task.resources.diskGb,
				timeHours: task.resources.timeHours,
				preemptible: task.resources.preemptible,
			},
		},
		deps.bucket,
		deps.clock,
	);
	return {prepared, replaces: jobId, copies};
}

/** A path that stands for an object of the old job, copied in the store rather than uploaded. */
export function isStoreCopy(path: string): boolean {
	return path.startsWith(copyScheme);
}

/** The biobanks a resubmission goes to unless told: those that failed, declined or cancelled. */
export function gaveUpBiobanks(row: {biobanks: ReadonlyArray<{biobank: string; status: string}>}) {
	return row.biobanks.filter((cell) => gaveUp.has(cell.status)).map((cell) => cell.biobank);
}

/**
 * The inputs and instructions the requester uploaded into the old job (not a type's own files),
 * each as a stand-in path that `copies` maps to the object it is copied from.
 */
export function ownFiles(
	task: Task,
	bucket: string,
	jobId: string,
	copies: Map<string, ObjectRef>,
) {
	const prefix = `${jobPrefix(jobId)}input/`;
	const take = (object: string) => {
		const key = object.replace(/^\/+/u, '');
		if (!key.startsWith(prefix)) return undefined;
		const name = key.slice(prefix.length);
		if (name.endsWith('.c4gh')) {
			throw new JobError(
				jobId,
				`${name} was sent encrypted to the old job's biobanks: submit the request anew from the file.`,
			);
		}

		copies.set(`${copyScheme}${key}`, {container: bucket, key});
		return {path: `${copyScheme}${key}`, name};
	};
	const inputs = task.inputs.flatMap((input) =>
		input.bucket === bucket ? [take(input.object)].filter((file) => file !== undefined) : [],
	);
	const [instruction] = task.instructions;
	const instructions = instruction?.bucket === bucket ? take(instruction.object) : undefined;
	return {inputs, instructions};
}

/**
 * Submits a prepared resubmission: inputs copied inside the store (their bytes never sent), each
 * copy checked (see `ObjectStore.copy`) and its SHA-256 metadata carried over; the new task.json
 * says which job it replaces.
 */
export async function submitResubmit(
	deps: SubmitDependencies,
	resubmit: PreparedResubmit,
	events: SubmitEvents = {},
): Promise<string> {
	const {prepared, replaces, copies} = resubmit;
	return submitJob(
		{
			...deps,
			upload: copyingUpload(deps.upload, copies),
			async beforePublish(jobId) {
				// The plan is final now (the id reserved): every task.json names the old job.
				const {plan} = prepared;
				for (const task of [plan.task, ...plan.biobankTasks.map((entry) => entry.task)])
					task.extra = {...task.extra, [replacesField]: replaces};
				await deps.beforePublish?.(jobId);
			},
		},
		prepared,
		events,
	);
}

/** An upload that copies the stand-in paths of `copies` server-side and uploads the rest. */
export function copyingUpload(
	upload: UploadFile,
	copies: ReadonlyMap<string, ObjectRef>,
): UploadFile {
	return async (store, ref, path, options = {}) => {
		const from = copies.get(path);
		if (!from) return upload(store, ref, path, options);
		// An encrypting upload hands the file itself down now: a stored object is never copied
		// in its place, since it may be the old job's plaintext or sealed to other keys.
		if (options.encoding) {
			throw new JobError(
				undefined,
				`${from.key} cannot be copied into a job whose inputs are encrypted: submit it from the file.`,
			);
		}
		const copied = await store.copy(from, ref, {signal: options.signal});
		const sha256 = copied.metadata[sha256MetadataName];
		if (!sha256) {
			throw new JobError(
				undefined,
				`${from.key} has no SHA-256 recorded (the Python tool uploaded it): submit it from the file.`,
			);
		}

		options.onProgress?.({phase: 'done', done: copied.bytes, total: copied.bytes});
		return {ref, bytes: copied.bytes, sha256, segmented: copied.segments > 0, resumedBytes: 0};
	};
}
