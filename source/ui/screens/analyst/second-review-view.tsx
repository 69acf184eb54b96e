import {Box} from 'ink';
import {useState} from 'react';
import {maxJustificationLength} from '../../../jobs/analyst/review/release-decisions.js';
import type {JobReview} from '../../../jobs/analyst/review/review-job.js';
import type {ReviewRequest} from '../../../jobs/analyst/review/review-records.js';
import {describeStamp} from '../../../protocol/review-rules.js';
import {terminalSafe} from '../../../text/terminal-safe.js';
import {Text} from '../../../text/screen-text.js';
import {useChoice} from '../../components/choice/use-choice.js';
import {Confirm} from '../../components/confirm.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {KeyLayer} from '../../hooks/use-keys.js';
import {listKeys, withReasons} from '../../keys.js';
import {tone} from '../../theme.js';
import {FilePreview} from './file-preview.js';
import {ReviewFileList, ReviewFindings, type ReviewRow} from './review-files.js';
import {secondReviewCommands} from './review-keys.js';
import {ReviewTextPrompt} from './review-text-prompt.js';

export type SecondReviewViewProps = {
	request: ReviewRequest;
	/** This analyst's own scan of the files in their job folder. */
	review: JobReview;
	jobId: string;
	biobank: string;
	jobFolder: string;
	height: number;
	onApprove: () => void;
	onReturn: (reason: string) => void;
	onBack: () => void;
};

/**
 * A delivery awaiting a second review: the first reviewer's verdicts and justifications beside
 * this analyst's own scan of the same files (same SHA-256) and their preview. Approve uploads
 * them; send back returns the review with a reason.
 */
export function SecondReviewView(props: SecondReviewViewProps) {
	return (
		<KeyLayer>
			<SecondReview {...props} />
		</KeyLayer>
	);
}

const moveKeys = listKeys.filter((binding) => binding.command !== 'open');
const windowSize = 6;

function SecondReview(props: SecondReviewViewProps) {
	const {request, review, jobId, biobank, jobFolder, height} = props;
	const first = request.review;
	const [asking, setAsking] = useState<'approve' | 'return'>();
	const rows: ReviewRow[] = first.files.map((file) => {
		const scan = review.scans.find((each) => each.file === file.path);
		const problem = !scan
			? file.verdict === 'release'
				? `not in ${jobFolder}`
				: 'stays on the first host'
			: scan.sha256 === file.sha256
				? undefined
				: 'not the reviewed file (another SHA-256)';
		return {
			path: file.path,
			bytes: file.bytes,
			findings: scan?.findings ?? [],
			verdict: file.verdict,
			justification: file.justification,
			problem,
		};
	});
	const {cursor, offset} = useChoice({
		count: rows.length,
		windowSize,
		bindings: moveKeys,
		isActive: asking === undefined,
	});
	const unfit = rows.filter((row) => row.verdict === 'release' && row.problem !== undefined);
	useKeymap(
		withReasons(secondReviewCommands, {
			approve:
				unfit.length > 0
					? `${unfit.map((row) => terminalSafe(row.path)).join(', ')}: not the files ${terminalSafe(first.reviewer)} reviewed here; copy them into ${jobFolder}`
					: undefined,
		}),
		(command) => {
			if (command === 'back') props.onBack();
			if (command === 'approve') setAsking('approve');
			if (command === 'return') setAsking('return');
		},
		{modal: true, isActive: asking === undefined, title: 'second review'},
	);
	const released = rows.filter((row) => row.verdict === 'release');
	const held = rows.filter((row) => row.verdict === 'hold');
	const names = (list: ReviewRow[]) => list.map((row) => terminalSafe(row.path)).join(', ');
	const current = rows[cursor];
	const scanned = current && review.scans.some((scan) => scan.file === current.path);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				Second review of {jobId} at {biobank}: reviewed by {terminalSafe(first.reviewer)} ·{' '}
				{describeStamp(review.rules.stamp)}
			</Text>
			<ReviewFileList rows={rows} cursor={cursor} offset={offset} windowSize={windowSize} />
			{current ? <ReviewFindings row={current} maxLines={4} /> : null}
			{asking === 'approve' ? (
				<Confirm
					question={`Approve ${terminalSafe(first.reviewer)}'s review: these ${released.length} files leave the host: ${names(released)}.${held.length > 0 ? ` Held back: ${names(held)}.` : ''} They are uploaded from ${jobFolder}, verified and signed off by you both, then the job is marked ready.`}
					onAnswer={(yes) => {
						setAsking(undefined);
						if (yes) props.onApprove();
					}}
				/>
			) : null}
			{asking === 'return' ? (
				<ReviewTextPrompt
					title={`Send ${jobId} back to ${terminalSafe(first.reviewer)}: why? Nothing leaves.`}
					placeholder="e.g. counts.tsv has a 3: hold it back or merge the deciles"
					maxLength={maxJustificationLength}
					onSubmit={(reason) => {
						setAsking(undefined);
						props.onReturn(reason);
					}}
					onCancel={() => setAsking(undefined)}
				/>
			) : null}
			{current && scanned && asking === undefined ? (
				<Box flexDirection="column">
					<Text color={tone('accent')} wrap="truncate-end">
						{terminalSafe(current.path)}: the first rows, flagged cells in [brackets]
					</Text>
					<FilePreview
						jobFolder={jobFolder}
						file={current.path}
						rules={review.rules}
						rows={Math.max(3, height - Math.min(rows.length, windowSize) - 12)}
					/>
				</Box>
			) : null}
		</Box>
	);
}
