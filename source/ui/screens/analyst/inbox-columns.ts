import prettyBytes from 'pretty-bytes';
import type {InboxJob} from '../../../jobs/analyst/load-inbox.js';
import {displayText, shown, type DisplayText} from '../../../text/display-text.js';
import {statusLooks} from '../../components/status-glyph.js';
import {toned, type Column} from '../../components/table/table.js';
import {age} from '../../time/age.js';

/** What the status column says: the status, and for a claim, whose it is. */
export function statusWords(job: InboxJob, analyst: string): DisplayText {
	if (job.problems) return shown`invalid task`;
	const look = statusLooks[job.status];
	if (job.status === 'processing') {
		const by = job.holder?.by;
		return shown`${look.glyph} ${by === analyst ? 'mine' : by ? displayText(by, 12) : look.word}`;
	}

	return shown`${look.glyph} ${look.word}`;
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
	// Cursor (2) + six columns with one space after each, and the fixed widths below. The job id
	// is shown whole (it is what `ivjm claim` takes, and it names the requester: seconds-user)
	// up to a 15-character user name.
	const fixed = 2 + 6 + 26 + 9 + 4 + 7 + 12;
	const nameWidth = Math.max(8, columns - fixed - 1);
	return [
		{title: 'Job', width: 26, cell: (job) => displayText(job.jobId, 27)},
		{
			title: 'Task',
			width: nameWidth,
			cell: (job) =>
				job.task
					? displayText(job.task.name, nameWidth + 1)
					: toned(displayText(job.problems?.[0]?.message ?? '', nameWidth + 1), 'bad'),
		},
		{title: 'Type', width: 9, cell: (job) => displayText(job.analysisType ?? '', 10)},
		{
			title: 'Age',
			width: 4,
			align: 'right',
			cell: (job) => shown`${age(job.submittedAt * 1000, now)}`,
		},
		{
			title: 'Inputs',
			width: 7,
			align: 'right',
			cell: (job) =>
				job.task === undefined
					? shown``
					: job.missingInputs > 0
						? toned(shown`missing`, 'warning')
						: shown`${prettyBytes(job.inputBytes)}`,
		},
		{
			title: 'Status',
			width: 12,
			cell: (job) =>
				toned(statusWords(job, analyst), job.problems ? 'bad' : statusLooks[job.status].tone),
		},
	];
}
