import {Text} from 'ink';
import prettyBytes from 'pretty-bytes';
import type {InboxJob} from '../../../jobs/analyst/load-inbox.js';
import {shorten, terminalSafe} from '../../../jobs/analyst/terminal-safe.js';
import {statusLooks} from '../../components/status-glyph.js';
import type {Column} from '../../components/table/table.js';
import {age} from '../../time/age.js';
import {tone} from '../../theme.js';

/** What the status column says: the status, and for a claim, whose it is. */
export function statusWords(job: InboxJob, analyst: string): string {
	if (job.problems) return 'invalid task';
	const look = statusLooks[job.status];
	if (job.status === 'processing') {
		const by = job.holder?.by;
		return `${look.glyph} ${by === analyst ? 'mine' : by ? terminalSafe(shorten(by, 12)) : look.word}`;
	}

	return `${look.glyph} ${look.word}`;
}

/**
 * The inbox's columns at a terminal `columns` wide: the fixed ones fit 80 columns, and what is
 * left goes to the task name. Every value from a task.json is made terminal-safe.
 */
export function inboxColumns(
	analyst: string,
	now: number,
	columns: number,
): Array<Column<InboxJob>> {
	// Cursor (2) + seven columns with one space after each, and the fixed widths below.
	const fixed = 2 + 7 + 15 + 10 + 9 + 4 + 7 + 12;
	const nameWidth = Math.max(8, columns - fixed - 1);
	return [
		{title: 'Job', width: 15, cell: (job) => job.jobId},
		{title: 'Requester', width: 10, cell: (job) => job.user},
		{
			title: 'Task',
			width: nameWidth,
			cell: (job) =>
				job.task ? (
					terminalSafe(shorten(job.task.name, nameWidth + 1))
				) : (
					<Text color={tone('bad')}>
						{shorten(terminalSafe(job.problems?.[0]?.message ?? ''), nameWidth + 1)}
					</Text>
				),
		},
		{title: 'Type', width: 9, cell: (job) => job.analysisType ?? ''},
		{title: 'Age', width: 4, align: 'right', cell: (job) => age(job.submittedAt * 1000, now)},
		{
			title: 'Inputs',
			width: 7,
			align: 'right',
			cell: (job) =>
				job.task === undefined ? (
					''
				) : job.missingInputs > 0 ? (
					<Text color={tone('warning')}>missing</Text>
				) : (
					prettyBytes(job.inputBytes)
				),
		},
		{
			title: 'Status',
			width: 12,
			cell: (job) => (
				<Text color={tone(job.problems ? 'bad' : statusLooks[job.status].tone)}>
					{statusWords(job, analyst)}
				</Text>
			),
		},
	];
}
