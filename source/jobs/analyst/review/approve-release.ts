import {join} from 'node:path';
import type {Catalogue} from '../../../protocol/catalogue.js';
import {scanDelivery} from '../../../review/scan-delivery.js';
import type {ObjectStore} from '../../../storage/store.js';
import {sha256MetadataName, type UploadFile} from '../../../transfer/transfer.js';
import {markerKey} from '../../../protocol/keys.js';
import {writeMarker} from '../../write-marker.js';
import {isoTime, type Clock} from '../../clock.js';
import type {DeliverProgress} from '../deliver-job.js';
import {releaseFiles, type ReleaseResult} from './release-files.js';
import {ReviewConflict, ReviewedFilesChanged} from './review-errors.js';
import {reviewRequestKey, signOffKey} from './review-keys.js';
import type {SignOff} from './review-records.js';
import {signOffOf} from './review-delivery.js';
import {loadReviewState} from './review-state.js';
import {pendingReview, statusNow} from './second-review.js';

export type ApproveRequest = {
	jobId: string;
	biobank: string;
	/** The second reviewer: an analyst of the biobank other than the first. */
	approver: string;
	/** The job folder on this host, holding the files that were reviewed. */
	jobFolder: string;
	catalogue?: Catalogue;
	upload?: UploadFile;
	journalFolder?: string;
	onProgress?: (progress: DeliverProgress) => void;
	signal?: AbortSignal;
};

export type ApproveResult = ReleaseResult & {signOff: SignOff};

/**
 * The second reviewer's approval, and with it the release. The approver's own ivjm scans the
 * files it is about to let go, in the approver's job folder: each must be the very file the first
 * reviewer reviewed (its SHA-256), and under the biobank's rules as they are now, every blocking
 * finding must have the first reviewer's justification. Then the files are uploaded, the
 * sign-off (both reviewers, both rule stamps) written, and `status/ready` after it.
 */
export async function approveRelease(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	request: ApproveRequest,
): Promise<ApproveResult> {
	const {jobId, biobank, approver, jobFolder, signal} = request;
	const resumed = await resumeRelease(store, bucket, clock, request);
	if (resumed) return resumed;
	const pending = await pendingReview(
		store,
		bucket,
		{jobId, biobank, user: approver, signal},
		{catalogue: request.catalogue},
	);
	const review = pending.request.review;
	const released = review.files.filter((file) => file.verdict === 'release');
	const scans = await scanDelivery(
		released.map((file) => ({
			relative: file.path,
			path: join(jobFolder, file.path),
			declared: file.declared,
		})),
		pending.loaded.rules,
		{
			sizes: released.map((file) => file.bytes),
			signal,
			onProgress: (event) =>
				request.onProgress?.({phase: 'scanning', files: [], done: event.done, total: event.total}),
		},
	).catch((error: unknown) => {
		if (signal?.aborted) throw error;
		throw new ReviewedFilesChanged(
			jobId,
			released.map((file) => file.path),
			`the files cannot all be read in ${jobFolder} (${(error as Error).message})`,
		);
	});
	const changed = released
		.filter((file, index) => scans[index]?.sha256 !== file.sha256)
		.map((file) => file.path);
	if (changed.length > 0) {
		throw new ReviewedFilesChanged(
			jobId,
			changed,
			`not the files ${review.reviewer} reviewed (another SHA-256) in ${jobFolder}`,
		);
	}
	const unjustified = released
		.filter(
			(file, index) =>
				file.justification === undefined &&
				scans[index]?.findings.some((finding) => finding.severity === 'blocking'),
		)
		.map((file) => file.path);
	if (unjustified.length > 0) {
		throw new ReviewConflict(
			jobId,
			`Job ${jobId} was not released: under the rules now in force, ${unjustified.map((path) => JSON.stringify(path)).join(', ')} ` +
				`${unjustified.length === 1 ? 'has' : 'have'} blocking findings the first review did not justify. Return it to ${review.reviewer} with a reason.`,
		);
	}

	// The review must still be the one just checked: a first reviewer may have replaced it.
	const now = await store.head(
		{container: bucket, key: reviewRequestKey(jobId, biobank)},
		{signal},
	);
	if (now.etag !== pending.requestEtag) {
		throw new ReviewConflict(
			jobId,
			`The review of ${jobId} at ${biobank} changed while you approved it: look at it again.`,
		);
	}
	const signOff = signOffOf(jobId, biobank, review, [
		{user: review.reviewer, role: 'first', at: review.at, rules: review.rules},
		{user: approver, role: 'second', at: isoTime(clock.now()), rules: pending.loaded.stamp},
	]);
	const result = await releaseFiles(store, bucket, clock, {
		signOff,
		by: approver,
		jobFolder,
		upload: request.upload,
		journalFolder: request.journalFolder,
		onProgress: request.onProgress,
		signal,
	});
	return {...result, signOff};
}

/**
 * An approval that stopped between its sign-off and `status/ready` (a lost connection): run by
 * the same approver again, it checks that every released object is the signed-off one (size and
 * SHA-256) and writes `ready`. Anything else is not a resume: undefined.
 */
async function resumeRelease(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	request: ApproveRequest,
): Promise<ApproveResult | undefined> {
	const {jobId, biobank, approver, signal} = request;
	const state = await loadReviewState(store, bucket, jobId, biobank, signal);
	if (state.state !== 'signed-off' || state.signOff.releasedBy !== approver) return undefined;
	const {status} = await statusNow(store, bucket, jobId, biobank, signal);
	if (status !== 'processing') return undefined;
	const released = state.signOff.files.filter((file) => file.verdict === 'release');
	for (const file of released) {
		const stored = await store
			.head({container: bucket, key: file.key}, {signal})
			.catch(() => undefined);
		if (stored?.bytes !== file.bytes || stored.metadata[sha256MetadataName] !== file.sha256) {
			throw new ReviewConflict(
				jobId,
				`Job ${jobId} at ${biobank} is signed off but ${JSON.stringify(file.path)} is not the signed-off file in the bucket: ask the first reviewer to deliver again.`,
			);
		}
	}
	await writeMarker(store, bucket, clock, {jobId, biobank, marker: 'ready', by: approver, signal});
	return {
		files: [],
		signOff: state.signOff,
		signOffKey: signOffKey(jobId, biobank),
		readyKey: markerKey(jobId, biobank, 'ready'),
	};
}
