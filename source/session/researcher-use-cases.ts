import {cancelJob} from '../jobs/researcher/cancel-job.js';
import {deleteJob, planDeleteJob, type DeletePlan} from '../jobs/researcher/delete-job.js';
import {
	downloadableResults,
	downloadResults,
	type DownloadResultsOptions,
	type ResultFile,
} from '../jobs/researcher/download-results.js';
import {loadJobDetail, type JobDetail} from '../jobs/researcher/load-job-detail.js';
import {loadResearcherJobs, type LoadJobsOptions} from '../jobs/researcher/load-jobs.js';
import {isMine} from '../jobs/researcher/ownership.js';
import {
	prepareSubmit,
	submitJob,
	type PreparedSubmit,
	type SubmitEvents,
	type SubmitRequest,
	withInputEncryption,
} from '../jobs/researcher/submit-job.js';
import {loadJobSignOffs} from '../jobs/analyst/review/job-sign-offs.js';
import {encryptableUploads} from '../protocol/encrypted-inputs.js';
import {decideInputEncryption, type InputEncryption} from '../jobs/input-encryption.js';
import {FilesProgressTracker, type FilesProgress} from '../jobs/files-progress.js';
import {passphraseFromEnvironment} from '../crypt4gh/passphrase.js';
import {publishRequesterKey, resultsDownload, type OwnKeys} from '../jobs/job-encryption.js';
import type {SessionParts} from './session.js';

/** The whole of a transfer of several files, as the analyst's use cases report it. */
type WithProgress = {onProgress?: (progress: FilesProgress) => void};

/** The researcher's use cases, on the session's store, bucket, clock, user and caches. */
export function bindResearcher(parts: SessionParts) {
	const {store, bucket, clock, user, tasks, transfers} = parts;
	return {
		/** The signed-in user's jobs and their status at every biobank. */
		jobs: (options?: LoadJobsOptions) => loadResearcherJobs(store, bucket, user, tasks, options),
		/** One job in full: its task, its markers and their bodies. */
		job: (jobId: string, signal?: AbortSignal) =>
			loadJobDetail(store, bucket, jobId, tasks, signal),
		/** The release review's sign-off of each biobank that wrote one ("released by … after review"). */
		signOffs: (job: JobDetail, signal?: AbortSignal) => loadJobSignOffs(store, bucket, job, signal),
		/** Whether the job is the signed-in user's own: only then may it be cancelled or deleted. */
		isMine: (jobId: string) => isMine(jobId, user),
		/** Withdraws `job` at every biobank still working on it, in the user's name (own jobs only). */
		cancel: (job: JobDetail, reason: string, signal?: AbortSignal, access?: {notMine?: boolean}) =>
			cancelJob(store, bucket, clock, job, user, reason, signal, access),
		/** What deleting a job would remove, before anything is removed (own jobs only). */
		planDelete: (
			jobId: string,
			biobanks: readonly string[],
			signal?: AbortSignal,
			access?: {notMine?: boolean},
		) => planDeleteJob(store, bucket, jobId, biobanks, {user, ...access}, signal),
		delete: (plan: DeletePlan, signal?: AbortSignal) => deleteJob(store, bucket, plan, signal),
		/**
		 * Verified downloads into `<folder>/<jobid>/<biobank>/`; results encrypted to your key are
		 * decrypted (the passphrase of a locked key from C4GH_PASSPHRASE, unless `passphrase` asks).
		 */
		downloadResults: (
			job: JobDetail,
			folder: string,
			options: DownloadResultsOptions &
				WithProgress & {passphrase?: OwnKeys['passphrase']; keepEncrypted?: boolean} = {},
		) => {
			const files = downloadableResults(job, options.biobank);
			const relative = (file: ResultFile) => `${file.biobank}/${file.name}`;
			const tracker = new FilesProgressTracker(
				files.map((file) => ({relative: relative(file), total: file.bytes})),
				options.onProgress,
			);
			const download = resultsDownload(
				transfers.download,
				{passphrase: options.passphrase ?? passphraseFromEnvironment},
				{keepEncrypted: options.keepEncrypted},
			);
			return downloadResults(store, bucket, download, job, folder, {
				...options,
				onFileProgress: (file, event) => {
					tracker.observe(relative(file), event);
					options.onFileProgress?.(file, event);
				},
			});
		},
		/** The job id and the plan of a new request (no I/O). */
		prepareSubmit: (request: SubmitRequest) => prepareSubmit(request, bucket, clock),
		/**
		 * Uploads the inputs, then publishes the request. The inputs are encrypted to the target
		 * biobanks' published keys when every one has a key (unless `plainInputs`); which is
		 * decided, and told to `onInputEncryption`, before anything is uploaded.
		 */
		submit: async (
			prepared: PreparedSubmit,
			events: SubmitEvents &
				WithProgress & {
					plainInputs?: boolean;
					onInputEncryption?: (encryption: InputEncryption) => void;
				} = {},
		) => {
			if (!prepared.inputEncryption && encryptableUploads(prepared.plan).size > 0) {
				const encryption = await decideInputEncryption(store, bucket, prepared.plan.task.biobanks, {
					plain: events.plainInputs,
					signal: events.signal,
				});
				withInputEncryption(prepared, encryption);
				events.onInputEncryption?.(encryption);
			}
			const tracker = new FilesProgressTracker(
				prepared.plan.uploads.map((upload) => ({relative: upload.file})),
				events.onProgress,
			);
			const deps = {
				store,
				bucket,
				clock,
				upload: transfers.upload,
				// Your public key goes with the job, so its results come back encrypted to you.
				beforePublish: async (jobId: string) => {
					await publishRequesterKey(store, bucket, jobId, {}, events.signal);
				},
			};
			return submitJob(deps, prepared, {
				...events,
				onFileProgress: (file, event) => {
					tracker.observe(file, event);
					events.onFileProgress?.(file, event);
				},
			});
		},
	};
}

export type ResearcherUseCases = ReturnType<typeof bindResearcher>;
