import {analysisTypeOf} from '../jobs/analysis-type-of.js';
import {type ResearcherJob} from '../jobs/researcher/load-jobs.js';
import {builtInCatalogue} from '../protocol/catalogue.js';
import {formatProblem} from '../protocol/problem.js';
import type {Command} from './command.js';
import {writeJson} from './command-helpers.js';
import {exitCodes} from './exit-codes.js';
import {displayText, shown} from '../text/display-text.js';

/** The stable `--json` shape of one job (documented in the readme). */
export function jobSummaryJson(job: ResearcherJob) {
	return {
		id: job.row.jobId,
		name: job.task?.name ?? null,
		type: job.task ? analysisTypeOf(job.task, builtInCatalogue) : null,
		submitted: new Date(job.row.submittedAt * 1000).toISOString(),
		state: job.problems ? 'invalid' : job.status.summary.state,
		downloadable: job.status.summary.downloadable,
		biobanks: Object.fromEntries(job.status.biobanks.map((state) => [state.biobank, state.status])),
		problems: job.problems?.map(formatProblem) ?? [],
	};
}

export const jobsCommand: Command = {
	name: 'jobs',
	usage: 'jobs [--json]',
	summary: 'your jobs and their status at each biobank',
	async run(context) {
		const session = await context.openSession();
		const {jobs} = await session.researcher.jobs();
		const rows = jobs.map(jobSummaryJson);
		if (context.flags['json']) {
			writeJson(context, rows);
			return exitCodes.ok;
		}
		for (const row of rows) {
			const biobanks = Object.entries(row.biobanks)
				.map(([biobank, status]) => `${biobank}:${status}`)
				.join(' ');
			const name = row.name === null ? '(no task.json)' : displayText(row.name, 200);
			context.stdout.write(shown`${row.id}\t${row.state}\t${name}\t${biobanks}\n`);
		}
		return exitCodes.ok;
	},
};
