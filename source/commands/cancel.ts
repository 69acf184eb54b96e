import type {Command} from './command.js';
import {requireArgument, stringFlag, writeJson} from './command-helpers.js';
import {exitCodes} from './exit-codes.js';

export const cancelCommand: Command = {
	name: 'cancel',
	usage: 'cancel JOBID [--reason TEXT] [--not-mine]',
	summary: 'withdraw a job at every biobank not ready yet',
	async run(context) {
		const jobId = requireArgument(context, 0, 'the job id');
		const session = await context.openSession();
		const job = await session.researcher.job(jobId);
		const cancelled = await session.researcher.cancel(
			job,
			stringFlag(context, 'reason') ?? 'Withdrawn by the requester.',
			undefined,
			{notMine: context.flags['notMine'] === true},
		);
		if (context.flags['json']) writeJson(context, {id: jobId, cancelled});
		else
			context.stdout.write(
				cancelled.length > 0
					? `Cancelled ${jobId} at ${cancelled.join(', ')}.\n`
					: `Nothing to cancel: ${jobId} is ready or cancelled everywhere.\n`,
			);
		return exitCodes.ok;
	},
};
