import {buildJobId} from '../../protocol/job-id.js';
import {jobPrefix} from '../../protocol/keys.js';
import {planNewTask, type NewTaskPlan, type NewTaskRequest} from '../../protocol/new-task.js';
import {formatProblem} from '../../protocol/problem.js';
import {Conflict} from '../../storage/errors/index.js';
import type {ObjectStore} from '../../storage/store.js';
import type {TransferProgress, UploadFile} from '../../transfer/transfer.js';
import {isoTime, type Clock} from '../clock.js';
import {publishJob} from '../publish-job.js';

export type SubmitDependencies = {
	store: ObjectStore;
	bucket: string;
	clock: Clock;
	upload: UploadFile;
};

/** The request as the form gathers it: everything but the job id, the bucket and the time. */
export type SubmitRequest = Omit<
	NewTaskRequest,
	'jobId' | 'bucket' | 'date' | 'uploads' | 'instructionsFile'
> & {
	user: string;
	/** Local files to upload as inputs; their names become the input names. */
	inputFiles: Array<{path: string; name: string}>;
	instructionsFile?: {path: string; name: string};
};

export type PreparedSubmit = {plan: NewTaskPlan; files: Map<string, string>};

export type SubmitEvents = {
	onFileProgress?: (file: string, progress: TransferProgress) => void;
	onStep?: (step: 'uploading' | 'publishing' | 'done') => void;
	signal?: AbortSignal;
};

/** Makes the job id (now, this user) and the plan; refuses what the protocol would refuse. */
export function prepareSubmit(
	request: SubmitRequest,
	bucket: string,
	clock: Clock,
): PreparedSubmit {
	const now = clock.now();
	const files = new Map(
		[...request.inputFiles, ...(request.instructionsFile ? [request.instructionsFile] : [])].map(
			(file) => [file.name, file.path],
		),
	);
	const planned = planNewTask({
		...request,
		jobId: buildJobId(Math.floor(now / 1000), request.user),
		bucket,
		date: isoTime(now),
		uploads: request.inputFiles.map((file) => file.name),
		instructionsFile: request.instructionsFile?.name,
	});
	if (!planned.ok)
		throw new Error(
			`The request cannot be submitted: ${planned.problems.map(formatProblem).join('; ')}`,
		);
	return {plan: planned.plan, files};
}

/**
 * Submits a prepared job: uploads every input (verified, resumable: a rerun of the same prepared
 * submit skips what is stored), then publishes it. Until the last step nothing is in any inbox,
 * so a failure leaves the job invisible to analysts; the caller may resume or roll it back.
 */
export async function submitJob(
	deps: SubmitDependencies,
	prepared: PreparedSubmit,
	events: SubmitEvents = {},
): Promise<string> {
	const {plan, files} = prepared;
	const jobId = plan.task.id;
	await refuseExistingJob(deps, jobId, events.signal);
	events.onStep?.('uploading');
	for (const upload of plan.uploads) {
		const path = files.get(upload.file);
		if (path === undefined) throw new Error(`No local file was given for ${upload.file}.`);
		await deps.upload(deps.store, {container: deps.bucket, key: upload.key}, path, {
			signal: events.signal,
			onProgress: (progress) => events.onFileProgress?.(upload.file, progress),
		});
	}
	events.onStep?.('publishing');
	await publishJob(deps.store, deps.bucket, deps.clock, plan, events.signal);
	events.onStep?.('done');
	return jobId;
}

/** Two submits in one second share an id: the second is refused, never written over the first. */
async function refuseExistingJob(
	deps: SubmitDependencies,
	jobId: string,
	signal?: AbortSignal,
): Promise<void> {
	for await (const entry of deps.store.list(deps.bucket, {
		prefix: `${jobPrefix(jobId)}task.json`,
		signal,
	})) {
		if (entry.kind === 'object')
			throw new Conflict(`A job ${jobId} exists already: submit again in a second.`, {
				container: deps.bucket,
				key: entry.key,
			});
	}
}
