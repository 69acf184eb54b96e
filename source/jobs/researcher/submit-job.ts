import {buildJobId, jobSeconds} from '../../protocol/job-id.js';
import {InvalidRequest} from './researcher-errors.js';
import {planNewTask, type NewTaskPlan, type NewTaskRequest} from '../../protocol/new-task.js';
import {encryptPlanInputs} from '../../protocol/encrypted-inputs.js';
import {encryptingUpload} from '../../crypt4gh/encrypting-upload.js';
import {recipientFingerprints, type InputEncryption} from '../input-encryption.js';
import {formatProblem} from '../../protocol/problem.js';
import type {ObjectStore} from '../../storage/store.js';
import type {TransferProgress, UploadFile} from '../../transfer/transfer.js';
import {isoTime, type Clock} from '../clock.js';
import {publishJob} from '../publish-job.js';
import type {JournalFile} from '../../transfer/journal.js';
import {defaultPendingFolder, pendingSubmit, type PendingSubmit} from './pending-submit.js';
import {holdsReservation, reserveJobId, type Reservation} from './reserve-job-id.js';

export type SubmitDependencies = {
	store: ObjectStore;
	bucket: string;
	clock: Clock;
	upload: UploadFile;
	/** Where unfinished submits are recorded (default `<XDG state>/ivjm/submits/`). */
	pendingFolder?: string;
	/** The reservation's pause before its read-back (see `createAndConfirm`). */
	settleMs?: number;
	/** Runs once the inputs are in and before any inbox note is written (publishes your key). */
	beforePublish?: (jobId: string) => Promise<void>;
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

export type PreparedSubmit = {
	/** The job as it will be written; its id is final once `reservation` is set. */
	plan: NewTaskPlan;
	files: Map<string, string>;
	/** What the plan was made from, so it can be made again under the id actually reserved. */
	request: NewTaskRequest;
	/** Set by `submitJob` once it holds an id: submitting this again resumes that job. */
	reservation?: Reservation;
	/** How the inputs travel, once decided (`withInputEncryption`), before anything is sent. */
	inputEncryption?: InputEncryption;
};

export type SubmitEvents = {
	onFileProgress?: (file: string, progress: TransferProgress) => void;
	onStep?: (step: 'uploading' | 'publishing' | 'done') => void;
	/** An earlier run of this same request was stopped: its job is carried on, not a new one. */
	onResume?: (jobId: string) => void;
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
	const {user: _user, inputFiles: _inputs, instructionsFile, ...asked} = request;
	const planRequest: NewTaskRequest = {
		...asked,
		jobId: buildJobId(Math.floor(now / 1000), request.user),
		bucket,
		date: isoTime(now),
		uploads: request.inputFiles.map((file) => file.name),
		instructionsFile: instructionsFile?.name,
	};
	return {plan: plan(planRequest), files, request: planRequest};
}

function plan(request: NewTaskRequest, encryption?: InputEncryption): NewTaskPlan {
	const planned = planNewTask(request);
	if (!planned.ok) throw new InvalidRequest(planned.problems.map(formatProblem).join('; '));
	return encryption?.kind === 'encrypted'
		? encryptPlanInputs(planned.plan, recipientFingerprints(encryption.recipients))
		: planned.plan;
}

/**
 * Sets how `prepared` sends its inputs: with `encrypted`, every uploaded input (not the
 * instructions) goes as `<name>.c4gh`, encrypted to the recipients, and task.json says so.
 */
export function withInputEncryption(prepared: PreparedSubmit, encryption: InputEncryption): void {
	prepared.inputEncryption = encryption;
	prepared.plan = plan(prepared.request, encryption);
}

/**
 * Submits a prepared job: reserves its id (the next free second's if another submit has this
 * one), uploads every input (verified, resumable), then publishes it. Nothing is written under
 * an id before it is reserved, and until the last step nothing is in any inbox, so a failure
 * leaves the job invisible to analysts. Run again (the same `prepared`, or the same request and
 * files in a new process), a stopped submit resumes its job and sends only what is missing.
 */
export async function submitJob(
	deps: SubmitDependencies,
	prepared: PreparedSubmit,
	events: SubmitEvents = {},
): Promise<string> {
	const pending = await pendingSubmit(
		deps.pendingFolder ?? defaultPendingFolder(),
		deps.bucket,
		prepared.request,
		prepared.files,
	);
	await reserve(deps, prepared, pending, events);
	const {plan, files, reservation} = prepared;
	await pending.write({version: 1, kind: 'submit', ...reservation!, date: prepared.request.date});
	events.onStep?.('uploading');
	const encryption = prepared.inputEncryption;
	const encrypting =
		encryption?.kind === 'encrypted'
			? encryptingUpload(
					deps.upload,
					encryption.recipients.map((recipient) => recipient.publicKey),
				)
			: undefined;
	for (const upload of plan.uploads) {
		const path = files.get(upload.file);
		if (path === undefined) throw new Error(`No local file was given for ${upload.file}.`);
		const send = upload.encrypted ? encrypting : deps.upload;
		if (!send) throw new Error(`${upload.file} is to be encrypted, but no recipient was decided.`);
		await send(deps.store, {container: deps.bucket, key: upload.key}, path, {
			signal: events.signal,
			onProgress: (progress) => events.onFileProgress?.(upload.file, progress),
		});
	}
	events.onStep?.('publishing');
	await deps.beforePublish?.(plan.task.id);
	await publishJob(deps.store, deps.bucket, deps.clock, plan, events.signal);
	await pending.remove();
	events.onStep?.('done');
	return plan.task.id;
}

/** Holds an id for `prepared`: the one it holds already, an earlier run's, or a new one. */
async function reserve(
	deps: SubmitDependencies,
	prepared: PreparedSubmit,
	pending: JournalFile<PendingSubmit>,
	events: SubmitEvents,
): Promise<void> {
	const {store, bucket} = deps;
	const {signal} = events;
	if (prepared.reservation) {
		if (await holdsReservation(store, bucket, prepared.reservation, signal)) return;
		throw new Error(
			`The reservation of job ${prepared.reservation.jobId} is gone (the job was deleted meanwhile): submit the request anew.`,
		);
	}
	const earlier = await pending.read();
	if (earlier && (await holdsReservation(store, bucket, earlier, signal))) {
		adopt(prepared, earlier, earlier.date);
		events.onResume?.(earlier.jobId);
		return;
	}
	const reservation = await reserveJobId(store, bucket, {
		user: prepared.plan.task.cscUser,
		seconds: jobSeconds(prepared.plan.task.id),
		at: prepared.request.date,
		settleMs: deps.settleMs,
		signal,
	});
	adopt(prepared, reservation, prepared.request.date);
}

/** Makes `prepared` the plan of the reserved id (and the earlier run's date, when resuming). */
function adopt(prepared: PreparedSubmit, reservation: Reservation, date: string): void {
	const {jobId, token} = reservation;
	if (jobId !== prepared.request.jobId || date !== prepared.request.date) {
		prepared.request = {...prepared.request, jobId, date};
		prepared.plan = plan(prepared.request, prepared.inputEncryption);
	}
	prepared.reservation = {jobId, token};
}
