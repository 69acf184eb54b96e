import type {Command} from './command.js';
import {requireArgument, UsageError, writeJson} from './command-helpers.js';
import {exitCodes} from './exit-codes.js';

export const deleteCommand: Command = {
	name: 'delete',
	usage: 'delete JOBID --yes [--not-mine]',
	summary: 'delete a job, its inbox notes and its large-object segments',
	async run(context) {
		const jobId = requireArgument(context, 0, 'the job id');
		const session = await context.openSession();
		const job = await session.researcher.job(jobId);
		const plan = await session.researcher.planDelete(
			jobId,
			job.status.biobanks.map((state) => state.biobank),
			undefined,
			{notMine: context.flags['notMine'] === true},
		);
		const summary = {
			id: jobId,
			objects: plan.objects.length,
			results: plan.resultCount,
			requests: plan.requests.length,
			segments: plan.segments.length,
		};
		if (!context.flags['yes']) {
			throw new UsageError(
				`Deleting ${jobId} removes ${summary.objects} objects (${summary.results} results), ${summary.requests} inbox notes and ${summary.segments} segments. Add --yes to do it.`,
			);
		}
		const deleted = await session.researcher.delete(plan);
		if (context.flags['json']) writeJson(context, {...summary, deleted});
		else context.stdout.write(`Deleted ${jobId}: ${deleted} objects.\n`);
		return exitCodes.ok;
	},
};
