import {Box} from 'ink';
import prettyBytes from 'pretty-bytes';
import {describeFinding} from '../../../review/describe-finding.js';
import type {Finding} from '../../../review/finding.js';
import {displayText} from '../../../text/display-text.js';
import {Text} from '../../../text/screen-text.js';
import {tone} from '../../theme.js';

/** An outgoing file as the review lists it: what the scan found, and what is decided. */
export type ReviewRow = {
	path: string;
	bytes?: number;
	findings: readonly Finding[];
	verdict: 'release' | 'hold';
	justification?: string;
	/** Why the file cannot be judged here (not in this job folder…). */
	problem?: string;
};

export const blockingCount = (row: ReviewRow) =>
	row.findings.filter((finding) => finding.severity === 'blocking').length;

/** The list of outgoing files, a cursor on one, each with its verdict and how much was found. */
export function ReviewFileList({
	rows,
	cursor,
	offset,
	windowSize,
}: {
	rows: readonly ReviewRow[];
	cursor: number;
	offset: number;
	windowSize: number;
}) {
	return (
		<Box flexDirection="column">
			{rows.slice(offset, offset + windowSize).map((row, index) => {
				const at = offset + index === cursor;
				const blocking = blockingCount(row);
				const warnings = row.findings.length - blocking;
				const found = [
					blocking > 0 ? `${blocking} blocking` : '',
					warnings > 0 ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : '',
				].filter(Boolean);
				return (
					<Text key={row.path} inverse={at} wrap="truncate-end">
						{at ? '❯ ' : '  '}
						<Text color={tone(row.verdict === 'release' ? 'good' : 'muted')}>
							{row.verdict === 'release' ? '[release]' : '[hold]   '}
						</Text>{' '}
						{displayText(row.path, 40).padEnd(28)} {prettyBytes(row.bytes ?? 0).padStart(9)}
						{'  '}
						<Text color={tone(blocking > 0 ? 'bad' : warnings > 0 ? 'warning' : 'good')}>
							{row.problem ?? (found.length > 0 ? found.join(', ') : 'nothing found')}
						</Text>
						{row.verdict === 'release' && row.justification !== undefined ? ' · justified' : ''}
					</Text>
				);
			})}
			{rows.length > windowSize ? (
				<Text color={tone('muted')}>
					{'  '}
					{offset + 1}–{Math.min(offset + windowSize, rows.length)} of {rows.length}
				</Text>
			) : null}
		</Box>
	);
}

/** What was found in one file, and why it may leave when a person said so. */
export function ReviewFindings({row, maxLines}: {row: ReviewRow; maxLines: number}) {
	const shown = row.findings.slice(0, maxLines);
	return (
		<Box flexDirection="column">
			{shown.map((finding, index) => (
				<Text
					key={index}
					wrap="truncate-end"
					color={tone(finding.severity === 'blocking' ? 'bad' : 'warning')}
				>
					{finding.severity === 'blocking' ? '  ✘ blocking: ' : '  ! warning: '}
					{describeFinding(finding)}
				</Text>
			))}
			{row.findings.length > shown.length ? (
				<Text color={tone('muted')}> … {row.findings.length - shown.length} more</Text>
			) : null}
			{row.justification !== undefined ? (
				<Text wrap="truncate-end"> why it may leave: {displayText(row.justification, 300)}</Text>
			) : null}
		</Box>
	);
}
