import type {Command} from './command.js';
import {requireArgument, writeJson} from './command-helpers.js';
import {exitCodes} from './exit-codes.js';
import {jobSummaryJson} from './jobs.js';

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
			context.stdout.write(`${detail.id}  ${detail.name ?? ''}  ${detail.state}\n`);
			for (const biobank of detail.markers) {
				const reasons = biobank.markers
					.filter((marker) => marker.reason)
					.map((marker) => `${marker.name}: ${marker.reason}`);
				context.stdout.write(
					`  ${biobank.biobank}\t${biobank.status}\t${biobank.results.map((file) => file.name).join(', ')}${reasons.length > 0 ? `\t${reasons.join('; ')}` : ''}\n`,
				);
			}
			for (const problem of detail.problems) context.stdout.write(`  problem: ${problem}\n`);
		}
		return exitCodes.ok;
	},
};
