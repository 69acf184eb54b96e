import {deliverJob, type DeliverRequest} from '../jobs/analyst/deliver-job.js';
import {claimAndDownload, type ClaimAndDownloadRequest} from '../jobs/analyst/download-job.js';
import {giveUpJob, type GiveUpRequest} from '../jobs/analyst/give-up-job.js';
import {InboxCache} from '../jobs/analyst/inbox-cache.js';
import {
	loadInbox,
	loadInboxJob,
	type InboxCaches,
	type JobFile,
	type LoadInboxOptions,
} from '../jobs/analyst/load-inbox.js';
import {readInstructions} from '../jobs/analyst/read-instructions.js';
import {bindReview} from './analyst-review-use-cases.js';
import {inputsDecrypting, resultsUpload, type OwnKeys} from '../jobs/job-encryption.js';
import {passphraseFromEnvironment} from '../crypt4gh/passphrase.js';
import type {SessionParts} from './session.js';

/**
 * The analyst's use cases, on the session's store, bucket, clock and user (the analyst). One
 * inbox cache per biobank lives as long as the session: the inbox and its jobs share it.
 */
export function bindAnalyst(parts: SessionParts) {
	const {store, bucket, clock, user, tasks, transfers} = parts;
	const inboxes = new Map<string, InboxCache>();
	const caches = (biobank: string): InboxCaches => {
		let inbox = inboxes.get(biobank);
		if (!inbox) {
			inbox = new InboxCache();
			inboxes.set(biobank, inbox);
		}
		return {tasks, inbox};
	};
	return {
		/** Every job addressed to `biobank`, newest first. */
		inbox: (biobank: string, options?: LoadInboxOptions) =>
			loadInbox(store, bucket, biobank, caches(biobank), options),
		/** One job of the inbox of `biobank`, read afresh. */
		job: (biobank: string, jobId: string, options?: {signal?: AbortSignal}) =>
			loadInboxJob(store, bucket, biobank, jobId, caches(biobank), options),
		/**
		 * Claims a job in the user's name and downloads it into `<workFolder>/<jobid>`. Inputs
		 * encrypted to the biobank's key are decrypted with yours (a locked key's passphrase from
		 * `passphrase`, else C4GH_PASSPHRASE), asked before the claim.
		 */
		claim: (
			request: Omit<ClaimAndDownloadRequest, 'analyst' | 'caches' | 'download' | 'decrypting'> & {
				passphrase?: OwnKeys['passphrase'];
				keepEncrypted?: boolean;
			},
		) => {
			const {passphrase, keepEncrypted, ...rest} = request;
			return claimAndDownload(store, bucket, clock, {
				...rest,
				analyst: user,
				caches: caches(request.biobank),
				download: transfers.download,
				decrypting: inputsDecrypting(
					transfers.download,
					{passphrase: passphrase ?? passphraseFromEnvironment},
					{keepEncrypted},
				),
			});
		},
		/**
		 * Uploads a job's outputs, verified, then marks it ready. Results are encrypted to the
		 * requester's key when one is published with the job (`encryption` says which).
		 */
		deliver: async (request: Omit<DeliverRequest, 'analyst' | 'upload'>) => {
			const {upload, encryption} = await resultsUpload(
				store,
				bucket,
				request.task.id,
				transfers.upload,
				{signal: request.signal},
			);
			const delivered = await deliverJob(store, bucket, clock, {...request, analyst: user, upload});
			return {...delivered, encryption};
		},
		/** Marks a job failed or declined, with the reason the requester reads. */
		giveUp: (request: Omit<GiveUpRequest, 'analyst'>) =>
			giveUpJob(store, bucket, clock, {...request, analyst: user}),
		/** The instruction files of a job, as text to read (never run). */
		readInstructions: (
			files: readonly JobFile[],
			options?: {maxBytes?: number; signal?: AbortSignal},
		) => readInstructions(store, files, options),
		/** The release review: findings, preview, the second reviewer's approve and return. */
		...bindReview(parts),
	};
}

export type AnalystUseCases = ReturnType<typeof bindAnalyst>;
