import prettyBytes from 'pretty-bytes';
import {type InboxJob} from '../jobs/analyst/load-inbox.js';
import {shorten, terminalSafe} from '../text/terminal-safe.js';
import {formatProblem} from '../protocol/problem.js';
import type {Command} from './command.js';
import {exitCodes} from './exit-codes.js';
import {biobankFlag, runAnalystCommand, UsageError} from './analyst-common.js';
import {jsonText} from '../text/json-text.js';

/** The stable `--json` shape of one inbox job. */
export function inboxJobJson(job: InboxJob) {
	return {
		jobId: job.jobId,
		requester: job.user,
		name: job.task?.name ?? null,
		type: job.analysisType ?? null,
		submitted: new Date(job.submittedAt * 1000).toISOString(),
		inputBytes: job.task ? job.inputBytes : null,
		missingInputs: job.missingInputs,
		status: job.status,
		claimable: job.claimable && job.problems === undefined,
		by: job.holder?.by ?? null,
		since: job.holder?.at ?? null,
		reason: job.holder?.reason ?? null,
		problems: (job.problems ?? []).map(formatProblem),
	};
}

/** `ivjm inbox --biobank B [--json]`: the jobs addressed to a biobank, newest first. */
export const inboxCommand: Command = {
	name: 'inbox',
	usage: 'inbox --biobank B [--json]',
	summary: 'the jobs addressed to a biobank, newest first',
	async run(context) {
		return runAnalystCommand(context, async () => {
			const biobank = biobankFlag(context.flags);
			if (context.args.length > 0) throw new UsageError('Usage: ivjm inbox --biobank B [--json]');
			const session = await context.openSession();
			const json = context.flags['json'] === true;
			// The JSON says who holds or delivered each job; the table shows only open jobs' holders.
			const inbox = await session.analyst.inbox(biobank, {settledDetails: json});
			if (json) {
				context.stdout.write(`${jsonText({biobank, jobs: inbox.jobs.map(inboxJobJson)})}\n`);
				return exitCodes.ok;
			}

			const rows = inbox.jobs.map((job) => [
				job.jobId,
				job.user,
				job.analysisType ?? '-',
				new Date(job.submittedAt * 1000).toISOString().slice(0, 16).replace('T', ' '),
				job.task ? (job.missingInputs > 0 ? 'missing' : prettyBytes(job.inputBytes)) : '-',
				job.problems
					? 'invalid'
					: job.status === 'processing'
						? `processing:${job.holder?.by ?? '?'}`
						: job.status,
				job.task
					? shorten(job.task.name, 40)
					: shorten(formatProblem(job.problems?.[0] ?? {path: '', message: ''}), 60),
			]);
			const header = ['JOB', 'REQUESTER', 'TYPE', 'SUBMITTED (UTC)', 'INPUTS', 'STATUS', 'TASK'];
			const table = [header, ...rows];
			const widths = header.map((_, column) =>
				Math.max(...table.map((row) => (row[column] ?? '').length)),
			);
			for (const row of table) {
				const line = row
					.map((cell, column) => cell.padEnd(column === row.length - 1 ? 0 : (widths[column] ?? 0)))
					.join('  ');
				context.stdout.write(`${terminalSafe(line.trimEnd())}\n`);
			}

			if (inbox.jobs.length === 0) context.stderr.write(`No requests to ${biobank}.\n`);
			return exitCodes.ok;
		});
	},
};
