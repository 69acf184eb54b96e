import {lstat, readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {outputsFor} from '../../protocol/biobank-task.js';
import type {Catalogue} from '../../protocol/catalogue.js';
import {markerKey, resultKey, statusPrefix} from '../../protocol/keys.js';
import {checkName} from '../../protocol/names.js';
import {checkRelativePath, taskRelativePath} from '../../protocol/safe-path.js';
import {biobankStatus} from '../../protocol/status.js';
import type {Task} from '../../protocol/task.js';
import type {ObjectStore} from '../../storage/store.js';
import type {TransferProgress, UploadFile, UploadResult} from '../../transfer/transfer.js';
import type {Clock} from '../clock.js';
import {MissingOutputs, UnsafeJobPath, WrongStatus} from './analyst-errors.js';
import {listMarkers, readHolder} from './claim-job.js';
import {planDownload} from './download-plan.js';
import type {ReleaseDecisions} from './review/release-decisions.js';
import {releaseFiles} from './review/release-files.js';
import {reviewDelivery, type DeliveryReview} from './review/review-delivery.js';

/** A file in the job folder, as the checklist shows it. */
export type LocalFile = {
	/** Relative to the job folder, without `./`. */
	relative: string;
	/** The result key it is (or would be) uploaded to. */
	key: string;
	state: 'present' | 'missing' | 'not a file';
	bytes?: number;
	/** Last modified, ms since the epoch. */
	modifiedAt?: number;
};

export type OutputChecklist = {
	/** The task's declared outputs, in its order: each must be present to deliver. */
	outputs: Array<LocalFile & {declared: string}>;
	/** Other plain files of the job folder that are not the job's downloads: uploaded only if chosen. */
	extras: LocalFile[];
};

/** Walking a job folder stops after this many entries: a run can leave millions of files. */
const maxWalkedEntries = 5000;

/**
 * The declared outputs of `task` against the job folder (never the current directory: the
 * Python tool's mistake), each present or missing with its size and time, and the folder's other
 * files. Symbolic links count as "not a file": a result is never read through a link (a planted
 * link could send a private file of the analyst to the requester).
 */
export async function checkOutputs(
	task: Task,
	biobank: string,
	jobFolder: string,
): Promise<OutputChecklist> {
	const outputs = await Promise.all(
		outputsFor(task, biobank).map(async (output) => {
			const relative = taskRelativePath(output.path);
			return {declared: output.path, ...(await localFile(jobFolder, relative, output.object))};
		}),
	);
	const plan = planDownload(task);
	const known = new Set([
		...outputs.map((output) => output.relative),
		...(plan.ok ? plan.files.map((file) => file.relative) : []),
	]);
	const extras: LocalFile[] = [];
	for (const relative of await plainFiles(jobFolder)) {
		if (known.has(relative) || relative.endsWith('.part')) continue;
		const key = extraKey(task.id, biobank, relative);
		if (key === undefined) continue;
		extras.push(await localFile(jobFolder, relative, key));
	}

	return {outputs, extras};
}

function extraKey(jobId: string, biobank: string, relative: string): string | undefined {
	if (!checkRelativePath(relative).ok) return undefined;
	if (!relative.split('/').every((part) => checkName('file name', part).ok)) return undefined;
	try {
		return resultKey(jobId, biobank, relative);
	} catch {
		return undefined;
	}
}

export async function localFile(
	jobFolder: string,
	relative: string,
	key: string,
): Promise<LocalFile> {
	const folder = await lstat(jobFolder).catch(() => undefined);
	if (!folder) return {relative, key, state: 'missing'};
	if (!folder.isDirectory()) return {relative, key, state: 'not a file'};
	const segments = relative.split('/');
	let path = jobFolder;
	for (const [index, segment] of segments.entries()) {
		path = join(path, segment);
		const stats = await lstat(path).catch(() => undefined);
		if (!stats) return {relative, key, state: 'missing'};
		if (stats.isSymbolicLink()) return {relative, key, state: 'not a file'};
		if (index === segments.length - 1) {
			return stats.isFile()
				? {relative, key, state: 'present', bytes: stats.size, modifiedAt: stats.mtimeMs}
				: {relative, key, state: 'not a file'};
		}

		if (!stats.isDirectory()) return {relative, key, state: 'not a file'};
	}

	return {relative, key, state: 'missing'};
}

async function plainFiles(folder: string): Promise<string[]> {
	const found: string[] = [];
	let walked = 0;
	const walk = async (path: string, prefix: string): Promise<void> => {
		const entries = await readdir(path, {withFileTypes: true}).catch(() => []);
		for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
			if (++walked > maxWalkedEntries) return;
			const relative = `${prefix}${entry.name}`;
			if (entry.isFile()) found.push(relative);
			else if (entry.isDirectory()) await walk(join(path, entry.name), `${relative}/`);
		}
	};

	await walk(folder, '');
	return found;
}

export type DeliveredFile = {relative: string; key: string; upload: UploadResult};

export type DeliverRequest = {
	task: Task;
	biobank: string;
	analyst: string;
	jobFolder: string;
	/** Extra files (relative to the job folder) to upload beside the declared outputs. */
	extras?: string[];
	/** The release review's decisions: files held back, and why a file with blocking findings may leave. */
	review?: ReleaseDecisions;
	/** The catalogue whose review rules apply (default: the built-in one). */
	catalogue?: Catalogue;
	onProgress?: (progress: DeliverProgress) => void;
	signal?: AbortSignal;
	upload?: UploadFile;
	journalFolder?: string;
};

export type DeliverProgress = {
	/** The scan of every file before anything leaves, then the uploads. */
	phase?: 'scanning' | 'uploading';
	files: Array<{
		relative: string;
		state: 'waiting' | 'running' | 'done';
		done: number;
		total: number;
		progress?: TransferProgress;
	}>;
	done: number;
	total: number;
	rate?: number;
	etaSeconds?: number;
};

export type DeliverResult = {
	/** `awaiting-second-review`: the policy wants a second analyst; nothing was uploaded yet. */
	state: 'ready' | 'awaiting-second-review';
	/** The files uploaded (none while awaiting a second review). */
	files: DeliveredFile[];
	readyKey?: string;
	/** The sign-off (when ready), or the review waiting for approval. */
	reviewKey: string;
	review: DeliveryReview;
};

/**
 * Reviews a job's results, uploads them and then marks it ready: every declared output (and each
 * extra the analyst chose) is scanned first (`review/reviewDelivery`), and nothing leaves while a
 * blocking finding has no justification; held-back files stay. Under a two-person policy the
 * review then waits for another analyst (`approveRelease`). Otherwise each released file goes to
 * its result key through the transfer layer, is read back (size and SHA-256, which must be the
 * reviewed one), the sign-off is written, and only then `status/ready`, so a requester never
 * downloads half a result. Only the analyst holding the claim may deliver.
 */
export async function deliverJob(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	request: DeliverRequest,
): Promise<DeliverResult> {
	const {task, biobank, analyst, jobFolder, signal} = request;
	const jobId = task.id;
	await requireOwnClaim(store, bucket, jobId, biobank, analyst, signal);
	const checklist = await checkOutputs(task, biobank, jobFolder);
	const missing = checklist.outputs.filter((output) => output.state !== 'present');
	if (missing.length > 0) {
		throw new MissingOutputs(
			jobId,
			jobFolder,
			missing.map((output) => output.relative),
		);
	}

	const extras: Array<LocalFile> = [];
	for (const extra of request.extras ?? []) {
		const checked = checkRelativePath(extra);
		if (!checked.ok) throw new UnsafeJobPath(jobId, extra, checked.reason);
		if (checklist.outputs.some((output) => output.relative === checked.relative)) continue;
		const key = extraKey(jobId, biobank, checked.relative);
		if (key === undefined) {
			throw new UnsafeJobPath(jobId, extra, 'the name cannot be a result key.');
		}

		const file = await localFile(jobFolder, checked.relative, key);
		if (file.state !== 'present') throw new MissingOutputs(jobId, jobFolder, [checked.relative]);
		extras.push(file);
	}

	const files = [...checklist.outputs, ...extras];
	const review = await reviewDelivery(store, bucket, clock, {
		jobId,
		biobank,
		analyst,
		jobFolder,
		files: files.map((file) => ({
			relative: file.relative,
			key: file.key,
			declared: !extras.includes(file),
			bytes: file.bytes,
		})),
		decisions: request.review,
		catalogue: request.catalogue,
		onProgress: request.onProgress,
		signal,
	});
	if (review.state === 'awaiting-second-review') {
		return {state: review.state, files: [], reviewKey: review.key, review};
	}

	const released = await releaseFiles(store, bucket, clock, {
		signOff: review.signOff,
		by: analyst,
		jobFolder,
		upload: request.upload,
		journalFolder: request.journalFolder,
		onProgress: request.onProgress,
		signal,
	});
	return {
		state: 'ready',
		files: released.files,
		readyKey: released.readyKey,
		reviewKey: released.signOffKey,
		review,
	};
}

async function requireOwnClaim(
	store: ObjectStore,
	bucket: string,
	jobId: string,
	biobank: string,
	analyst: string,
	signal?: AbortSignal,
): Promise<void> {
	const markers = await listMarkers(store, bucket, statusPrefix(jobId, biobank), signal);
	const status = biobankStatus(
		markers.map((object) => ({
			name: object.key.slice(object.key.lastIndexOf('/') + 1),
			lastModified: object.lastModified,
		})),
	);
	if (status === 'processing') {
		const holder = await readHolder(store, bucket, markerKey(jobId, biobank, 'processing'), signal);
		if (holder.by === analyst) return;
		throw new WrongStatus(
			jobId,
			status,
			`Job ${jobId} is claimed by ${holder.by ?? 'someone else'}${holder.at ? ` since ${holder.at}` : ''} at ${biobank}: only they can deliver it.`,
		);
	}

	const because: Record<string, string> = {
		ready: 'it is already delivered (ready)',
		cancelled: 'the requester cancelled it',
		waiting: 'it is not claimed: claim it first',
		failed: 'it is marked failed: claim it again first',
		declined: 'it is declined: claim it first',
	};
	throw new WrongStatus(
		jobId,
		status,
		`Job ${jobId} cannot be delivered at ${biobank}: ${because[status] ?? `its status is ${status}`}.`,
	);
}
