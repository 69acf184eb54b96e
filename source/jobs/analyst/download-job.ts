import {mkdir} from 'node:fs/promises';
import {dirname} from 'node:path';
import type {ObjectStore} from '../../storage/store.js';
import {downloadObject as realDownload} from '../../transfer/download-object.js';
import type {DownloadObject, DownloadResult} from '../../transfer/transfer.js';
import type {Clock} from '../clock.js';
import {FilesProgressTracker, type FilesProgress} from '../files-progress.js';
import {InvalidJob, UnsafeJobPath} from './analyst-errors.js';
import {claimJob, type ClaimResult} from './claim-job.js';
import {linkProblem, namesOf, planDownload, type PlannedFile} from './download-plan.js';
import {checkEncryptedInputs, type Decrypting} from './encrypted-inputs-check.js';
import {loadInboxJob, type InboxCaches, type InboxJob} from './load-inbox.js';
import {jobFolderOf} from './work-folder.js';

export type DownloadedFile = PlannedFile & {result: DownloadResult};

export type DownloadJobRequest = {
	job: InboxJob;
	jobFolder: string;
	onProgress?: (progress: FilesProgress) => void;
	signal?: AbortSignal;
	/** The transfer layer's download (the real one unless a caller has another). */
	download?: DownloadObject;
	/** The download of encrypted inputs: decrypted into place with your key. */
	decrypting?: Decrypting;
	/** Where resume notes are kept (default: the transfer layer's, in the state folder). */
	journalFolder?: string;
};

/**
 * The files of a job and the relative paths they land on, after every check that can be made
 * before anything is written: a usable task, no input missing from storage, every path inside
 * the job folder, no symbolic link on the way. Throws the first problem; nothing is written.
 */
export async function checkJobDownload(job: InboxJob, jobFolder: string): Promise<PlannedFile[]> {
	// An unsafe path is named as such even when it also made the task a job with problems.
	const plan = job.task ? planDownload(job.task) : undefined;
	if (plan && !plan.ok) throw new UnsafeJobPath(job.jobId, plan.path, plan.reason);
	if (!job.task || job.problems || !plan?.ok) {
		throw new InvalidJob(job.jobId, job.problems ?? [{path: '', message: 'task.json is missing'}]);
	}

	const missing = [...job.inputs, ...job.instructions].filter((file) => file.missing);
	if (missing.length > 0) {
		throw new InvalidJob(
			job.jobId,
			missing.map((file) => ({
				path: file.path,
				message: `is missing from storage (${file.bucket}/${file.object})`,
			})),
		);
	}

	for (const file of plan.files) {
		for (const name of namesOf(file)) {
			const problem = await linkProblem(jobFolder, name);
			if (problem) throw new UnsafeJobPath(job.jobId, name, problem);
		}
	}

	return plan.files;
}

/**
 * Downloads the inputs, containers and instructions of a job into its folder through the
 * transfer layer: verified, resumed after an interruption (a rerun continues the `.part` files),
 * and files already there and verified are skipped. Encrypted inputs go through `decrypting`:
 * decrypted while they arrive to the input's name (resumable from the last whole segment), the
 * plaintext checked against the SHA-256 recorded at upload.
 */
export async function downloadJob(
	store: ObjectStore,
	request: DownloadJobRequest,
): Promise<DownloadedFile[]> {
	const {job, jobFolder, signal} = request;
	const download = request.download ?? realDownload;
	const files = await checkJobDownload(job, jobFolder);
	await mkdir(dirname(jobFolder), {recursive: true, mode: 0o700});
	await mkdir(jobFolder, {recursive: true, mode: 0o700});
	const sizes = new Map(
		[...job.inputs, ...job.instructions].map((file) => [
			`${file.bucket}\n${file.object}`,
			file.bytes,
		]),
	);
	const progress = new FilesProgressTracker(
		files.map((file) => ({
			relative: file.relative,
			total: sizes.get(`${file.ref.container}\n${file.ref.key}`),
		})),
		request.onProgress,
	);
	const downloaded: DownloadedFile[] = [];
	for (const [index, file] of files.entries()) {
		const fetch = file.encrypted ? request.decrypting?.download : download;
		if (!fetch)
			throw new Error(`${file.relative} is encrypted and no decrypting download was given.`);
		const result = await progress.transfer(
			index,
			(onProgress) =>
				fetch(store, file.ref, jobFolder, file.relative, {
					signal,
					journalFolder: request.journalFolder,
					onProgress,
				}),
			(done) => done,
		);
		downloaded.push({...file, result});
	}

	return downloaded;
}

export type ClaimAndDownloadRequest = {
	jobId: string;
	biobank: string;
	analyst: string;
	/** The analyst's work folder; the job goes into `<work folder>/<jobid>`. */
	workFolder: string;
	caches: InboxCaches;
	settleMs?: number;
	/** Called once the claim is won, before the downloads start. */
	onClaimed?: (claim: ClaimResult, job: InboxJob) => void;
	onProgress?: (progress: FilesProgress) => void;
	signal?: AbortSignal;
	download?: DownloadObject;
	decrypting?: Decrypting;
	journalFolder?: string;
};

export type ClaimAndDownloadResult = {
	claim: ClaimResult;
	job: InboxJob;
	jobFolder: string;
	files: DownloadedFile[];
};

/**
 * Claims a job and downloads it: the job is read afresh and every check that can fail without a
 * transfer is made before the claim, so a job that cannot be run is never claimed, and nothing is
 * written (no marker, no file) when one of its paths is unsafe. Run again, it resumes: the claim
 * is already this analyst's, and verified files are skipped.
 */
export async function claimAndDownload(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	request: ClaimAndDownloadRequest,
): Promise<ClaimAndDownloadResult> {
	const {jobId, biobank, analyst, signal} = request;
	const jobFolder = jobFolderOf(request.workFolder, jobId);
	const job = await loadInboxJob(store, bucket, biobank, jobId, request.caches, {signal});
	const planned = await checkJobDownload(job, jobFolder);
	await checkEncryptedInputs(job.task!, biobank, planned, request.decrypting);
	const claim = await claimJob(store, bucket, clock, {
		jobId,
		biobank,
		analyst,
		settleMs: request.settleMs,
		signal,
	});
	request.onClaimed?.(claim, job);
	const files = await downloadJob(store, {
		job,
		jobFolder,
		onProgress: request.onProgress,
		signal,
		download: request.download,
		decrypting: request.decrypting,
		journalFolder: request.journalFolder,
	});
	return {claim, job, jobFolder, files};
}
