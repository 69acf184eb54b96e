import prettyBytes from 'pretty-bytes';
import {describeReviewState} from '../../../jobs/analyst/review/review-summary.js';
import type {ReviewState} from '../../../jobs/analyst/review/review-state.js';
import {Text} from '../../../text/screen-text.js';
import {terminalSafe} from '../../../text/terminal-safe.js';
import {tone} from '../../theme.js';
import type {JobScope} from './job-actions.js';
import type {ReviewMode, reviewActions} from './review-actions.js';
import {ReviewView} from './review-view.js';
import {SecondReviewView} from './second-review-view.js';
import {TransferView} from './transfer-view.js';

type Props = {
	mode: ReviewMode;
	scope: Pick<JobScope, 'jobId' | 'biobank' | 'jobFolder'>;
	actions: ReturnType<typeof reviewActions>;
	height: number;
	onBack: () => void;
};

/** The job screen's body while it reviews a delivery: the scan, the review, the uploads. */
export function ReviewModes({mode, scope, actions, height, onBack}: Props) {
	const {jobId, biobank, jobFolder} = scope;
	switch (mode.kind) {
		case 'scanning': {
			const progress = mode.progress;
			return (
				<Text wrap="truncate-end">
					Scanning the outgoing files in {jobFolder} before anything leaves…
					{progress
						? ` ${progress.index + 1} of ${progress.count}, ${prettyBytes(progress.done)} of ${prettyBytes(progress.total)} · ${terminalSafe(progress.file)}`
						: ''}
				</Text>
			);
		}
		case 'review': {
			return (
				<ReviewView
					review={mode.review}
					jobId={jobId}
					biobank={biobank}
					jobFolder={jobFolder}
					height={height}
					onDeliver={(decisions) => actions.release(mode.extras, decisions)}
					onBack={onBack}
				/>
			);
		}
		case 'second-review': {
			return (
				<SecondReviewView
					request={mode.request}
					review={mode.review}
					jobId={jobId}
					biobank={biobank}
					jobFolder={jobFolder}
					height={height}
					onApprove={actions.approve}
					onReturn={actions.sendBack}
					onBack={onBack}
				/>
			);
		}
		case 'approving': {
			return (
				<TransferView
					title={`Uploading the released results of ${jobId}`}
					files={(mode.progress?.files ?? []).map((file) => ({...file, label: file.relative}))}
					done={mode.progress?.done ?? 0}
					total={mode.progress?.total ?? 0}
					rate={mode.progress?.rate}
					etaSeconds={mode.progress?.etaSeconds}
					maxRows={Math.max(1, height - 4)}
				/>
			);
		}
	}
}

/** The job page's line on the release review, and why v (second review) cannot be used now. */
export function reviewStatus(state: ReviewState | undefined, user: string, biobank: string) {
	const refusal =
		state?.state !== 'awaiting-second-review'
			? 'no delivery of this job awaits a second review'
			: state.request.review.reviewer === user
				? `you reviewed it first: another analyst of ${biobank} approves it`
				: undefined;
	const line =
		state === undefined || state.state === 'none' ? null : (
			<Text color={tone(state.state === 'returned' ? 'warning' : 'accent')} wrap="truncate-end">
				Release review: {describeReviewState(state)}
				{refusal === undefined ? ' · v to review it' : ''}
			</Text>
		);
	return {line, refusal};
}

export const reviewModeKinds: ReadonlySet<string> = new Set<ReviewMode['kind']>([
	'scanning',
	'review',
	'second-review',
	'approving',
]);
