import type {DeliverProgress} from '../../../jobs/analyst/deliver-job.js';
import type {ReleaseDecisions} from '../../../jobs/analyst/review/release-decisions.js';
import type {JobReview} from '../../../jobs/analyst/review/review-job.js';
import type {ReviewRequest} from '../../../jobs/analyst/review/review-records.js';
import type {ScanProgress} from '../../../review/scan-delivery.js';
import type {JobScope, Message} from './job-actions.js';

/** The job screen's modes of the release review. */
export type ReviewMode =
	| {kind: 'scanning'; progress?: ScanProgress}
	| {kind: 'review'; review: JobReview; extras: string[]}
	| {kind: 'second-review'; review: JobReview; request: ReviewRequest}
	| {kind: 'approving'; progress?: DeliverProgress};

type Helpers<Mode> = {
	setMode: (mode: Mode | ReviewMode) => void;
	setMessage: (message: Message | undefined) => void;
	start: () => AbortSignal;
	done: (text: string) => void;
	failed: (error: unknown) => void;
};

/**
 * The release review from the job screen: scan the outgoing files, deliver with the analyst's
 * decisions, and the second reviewer's look, approval and return. Plain functions over the
 * screen's mode; the use cases do the work.
 */
export function reviewActions<Mode>(
	{session, biobank, jobId, jobFolder, job}: JobScope,
	{setMode, setMessage, start, done, failed}: Helpers<Mode>,
) {
	const scan = (extras: string[]) => {
		if (!job?.task) return;
		setMessage(undefined);
		setMode({kind: 'scanning'});
		session.analyst
			.review({
				task: job.task,
				biobank,
				jobFolder,
				extras,
				signal: start(),
				onProgress: (progress) => setMode({kind: 'scanning', progress}),
			})
			.then((review) => setMode({kind: 'review', review, extras}), failed);
	};

	const release = (extras: string[], decisions: ReleaseDecisions) => {
		if (!job?.task) return;
		setMode({kind: 'approving'});
		session.analyst
			.deliver({
				task: job.task,
				biobank,
				jobFolder,
				extras,
				review: decisions,
				signal: start(),
				onProgress: (progress) => setMode({kind: 'approving', progress}),
			})
			.then((result) => {
				const held = decisions.hold?.length ?? 0;
				done(
					result.state === 'ready'
						? `Delivered ${result.files.length} files, each verified${held > 0 ? `, ${held} held back` : ''}; signed off, ${jobId} is ready at ${biobank}.`
						: `Reviewed: ${jobId} awaits a second review by another analyst of ${biobank}. Nothing was uploaded yet.`,
				);
			}, failed);
	};

	const openSecondReview = () => {
		if (!job?.task) return;
		const task = job.task;
		setMessage(undefined);
		setMode({kind: 'scanning'});
		const signal = start();
		session.analyst
			.reviewState(jobId, biobank, signal)
			.then(async (state) => {
				if (state.state !== 'awaiting-second-review') {
					done(`${jobId} at ${biobank} awaits no second review now.`);
					return;
				}
				const request = state.request;
				// The undeclared files it releases are scanned too, as the approval will scan them.
				const extras = request.review.files
					.filter((file) => !file.declared && file.verdict === 'release')
					.map((file) => file.path);
				const review = await session.analyst.review({
					task,
					biobank,
					jobFolder,
					extras,
					signal,
					onProgress: (progress) => setMode({kind: 'scanning', progress}),
				});
				setMode({kind: 'second-review', review, request});
			})
			.catch(failed);
	};

	const approve = () => {
		setMode({kind: 'approving'});
		session.analyst
			.approve({
				jobId,
				biobank,
				jobFolder,
				signal: start(),
				onProgress: (progress) => setMode({kind: 'approving', progress}),
			})
			.then(
				(result) =>
					done(
						`Approved: ${result.files.length} files uploaded and verified, signed off by you both; ${jobId} is ready at ${biobank}.`,
					),
				failed,
			);
	};

	const sendBack = (reason: string) => {
		session.analyst
			.returnRelease({jobId, biobank, reason, signal: start()})
			.then(
				(result) =>
					done(
						`Sent back to ${result.returned.request.reviewer} with your reason; nothing left the host.`,
					),
				failed,
			);
	};

	return {scan, release, openSecondReview, approve, sendBack};
}
