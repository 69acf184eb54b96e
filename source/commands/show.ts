import type {Command} from './command.js';
import {requireArgument, writeJson} from './command-helpers.js';
import {exitCodes} from './exit-codes.js';
import {jobSummaryJson} from './jobs.js';
import {displayText, shown} from '../text/display-text.js';

export const showCommand: Command = {
	name: 'show',
	usage: 'show JOBID [--json]',
	summary: 'one job: its task, and who did what at each biobank',
	async run(context) {
		const jobId = requireArgument(context, 0, 'the job id');
		const session = await context.openSession();
		const job = await session.researcher.job(jobId);
		const detail = {
			...jobSummaryJson(job),
			task: job.task ?? null,
			markers: job.status.biobanks.map((state) => ({
				biobank: state.biobank,
				status: state.status,
				markers: job.markers
					.filter((marker) => marker.biobank === state.biobank)
					.map((marker) => ({name: marker.name, ...marker.body})),
				results: (state.cell?.results ?? []).map((file) => ({name: file.name, bytes: file.bytes})),
			})),
		};
		if (context.flags['json']) writeJson(context, detail);
		else {
			// Every value from the bucket is one cleaned, cut line (source/text/); --json keeps it exact.
			const name = displayText(detail.name ?? '', 200);
			context.stdout.write(shown`${detail.id}  ${name}  ${detail.state}\n`);
			for (const biobank of detail.markers) {
				const reasons = biobank.markers
					.filter((marker) => marker.reason)
					.map((marker) => `${displayText(marker.name, 40)}: ${displayText(marker.reason ?? '')}`);
				const results = biobank.results.map((file) => displayText(file.name, 200)).join(', ');
				const line = shown`  ${biobank.biobank}\t${biobank.status}\t${results}`;
				const why = reasons.length > 0 ? shown`\t${reasons.join('; ')}` : '';
				context.stdout.write(`${line}${why}\n`);
			}
			for (const problem of detail.problems)
				context.stdout.write(shown`  problem: ${displayText(problem, 300)}\n`);
		}
		return exitCodes.ok;
	},
};
