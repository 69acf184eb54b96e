import {Box} from 'ink';
import {useState} from 'react';
import {
	maxJustificationLength,
	type ReleaseDecisions,
} from '../../../jobs/analyst/review/release-decisions.js';
import type {JobReview} from '../../../jobs/analyst/review/review-job.js';
import {describeReviewState} from '../../../jobs/analyst/review/review-summary.js';
import {describeStamp} from '../../../protocol/review-rules.js';
import {terminalSafe} from '../../../text/terminal-safe.js';
import {Text} from '../../../text/screen-text.js';
import {useChoice} from '../../components/choice/use-choice.js';
import {Confirm} from '../../components/confirm.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {KeyLayer} from '../../hooks/use-keys.js';
import {useLatestState} from '../../hooks/use-latest-state.js';
import {listKeys, withReasons} from '../../keys.js';
import {tone} from '../../theme.js';
import {FilePreview} from './file-preview.js';
import {blockingCount, ReviewFileList, ReviewFindings, type ReviewRow} from './review-files.js';
import {reviewCommands} from './review-keys.js';
import {ReviewTextPrompt} from './review-text-prompt.js';

export type ReviewViewProps = {
	review: JobReview;
	jobId: string;
	biobank: string;
	jobFolder: string;
	/** Rows the view may take. */
	height: number;
	onDeliver: (decisions: ReleaseDecisions) => void;
	onBack: () => void;
};

type Decided = {verdicts: Record<string, 'release' | 'hold'>; why: Record<string, string>};

/**
 * The release review of a delivery: each outgoing file with its findings and a preview, released
 * or held back by the analyst. A file with a blocking finding starts held back and leaves only
 * with a typed justification; the last confirmation lists exactly the files that leave the host.
 */
export function ReviewView(props: ReviewViewProps) {
	return (
		<KeyLayer>
			<Review {...props} />
		</KeyLayer>
	);
}

const moveKeys = listKeys.filter((binding) => binding.command !== 'open');
const windowSize = 6;

function Review({review, jobId, biobank, jobFolder, height, onDeliver, onBack}: ReviewViewProps) {
	const [decided, setDecided, latest] = useLatestState<Decided>(() => ({
		verdicts: Object.fromEntries(
			review.scans.map((scan) => [
				scan.file,
				scan.findings.some((finding) => finding.severity === 'blocking') ? 'hold' : 'release',
			]),
		),
		why: {},
	}));
	const [asking, setAsking] = useState<{kind: 'why'; file: string} | {kind: 'confirm'}>();
	const {cursor, offset, currentCursor} = useChoice({
		count: review.scans.length,
		windowSize,
		bindings: moveKeys,
		isActive: asking === undefined,
	});
	const rowOf = (state: Decided, index: number): ReviewRow | undefined => {
		const scan = review.scans[index];
		if (!scan) return undefined;
		return {
			path: scan.file,
			bytes: scan.bytes,
			findings: scan.findings,
			verdict: state.verdicts[scan.file] ?? 'hold',
			justification: state.why[scan.file],
		};
	};
	const rows = review.scans.map((_scan, index) => rowOf(decided, index)!);
	const released = rows.filter((row) => row.verdict === 'release');
	const held = rows.filter((row) => row.verdict === 'hold');
	const decide = (file: string, verdict: 'release' | 'hold', why?: string) =>
		setDecided((state) => ({
			verdicts: {...state.verdicts, [file]: verdict},
			why: why === undefined ? state.why : {...state.why, [file]: why},
		}));

	useKeymap(
		withReasons(reviewCommands, {
			deliver:
				released.length === 0
					? 'every file is held back: nothing would leave; release one with space'
					: undefined,
			justify:
				rows[cursor] && blockingCount(rows[cursor]) === 0
					? 'nothing blocks this file: it needs no justification'
					: undefined,
		}),
		(command) => {
			const row = rowOf(latest(), currentCursor());
			if (command === 'back') onBack();
			if (command === 'deliver') setAsking({kind: 'confirm'});
			if (!row) return;
			if (command === 'justify') setAsking({kind: 'why', file: row.path});
			if (command === 'toggle') {
				if (row.verdict === 'release') decide(row.path, 'hold');
				else if (blockingCount(row) > 0 && row.justification === undefined)
					setAsking({kind: 'why', file: row.path});
				else decide(row.path, 'release');
			}
		},
		{modal: true, isActive: asking === undefined, title: 'release review'},
	);

	const current = rows[cursor];
	const rules = review.rules;
	const previewRows = Math.max(3, height - Math.min(rows.length, windowSize) - 12);
	const names = (list: ReviewRow[]) =>
		list
			.map(
				(row) => terminalSafe(row.path) + (row.justification !== undefined ? ' (justified)' : ''),
			)
			.join(', ');
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				Release review of {jobId} at {biobank} · {describeStamp(rules.stamp)} · counts below{' '}
				{rules.rules.threshold} flagged
			</Text>
			{review.state.state === 'none' ? null : (
				<Text color={tone('warning')} wrap="truncate-end">
					Last review: {describeReviewState(review.state)}
				</Text>
			)}
			<ReviewFileList rows={rows} cursor={cursor} offset={offset} windowSize={windowSize} />
			{current ? <ReviewFindings row={current} maxLines={4} /> : null}
			{asking?.kind === 'why' ? (
				<ReviewTextPrompt
					title={`Why may ${terminalSafe(asking.file)} leave ${biobank} despite its blocking findings? The sign-off records it.`}
					placeholder="e.g. the requester's DAC approved individual-level scores (ref. 2026-14)"
					initial={decided.why[asking.file]}
					maxLength={maxJustificationLength}
					onSubmit={(why) => {
						decide(asking.file, 'release', why);
						setAsking(undefined);
					}}
					onCancel={() => setAsking(undefined)}
				/>
			) : null}
			{asking?.kind === 'confirm' ? (
				<Confirm
					question={`These ${released.length} files leave the host: ${names(released)}.${held.length > 0 ? ` Held back on the host: ${names(held)}.` : ''} ${rules.rules.secondReviewer ? `Another analyst of ${biobank} approves before anything is uploaded.` : 'They are uploaded, verified and signed off, then the job is marked ready.'}`}
					onAnswer={(yes) => {
						setAsking(undefined);
						if (!yes) return;
						const now = latest();
						onDeliver({
							hold: Object.keys(now.verdicts).filter((file) => now.verdicts[file] === 'hold'),
							justify: Object.fromEntries(
								Object.entries(now.why).filter(([file]) => now.verdicts[file] === 'release'),
							),
						});
					}}
				/>
			) : null}
			{current && asking === undefined ? (
				<Box flexDirection="column">
					<Text color={tone('accent')} wrap="truncate-end">
						{terminalSafe(current.path)}: the first rows, flagged cells in [brackets]
					</Text>
					<FilePreview jobFolder={jobFolder} file={current.path} rules={rules} rows={previewRows} />
				</Box>
			) : null}
		</Box>
	);
}
