import {defineCommand, jobIdArgument} from './kit/define-command.js';
import {notMineFlag} from './researcher-flags.js';
import {shown} from '../text/display-text.js';

/** `ivjm cancel JOBID`: withdraws the job at every biobank that has not delivered. */
export const cancelCommand = defineCommand({
	name: 'cancel',
	summary: 'withdraw a job at every biobank not ready yet',
	argument: jobIdArgument('the job, as `ivjm jobs` lists it'),
	details: [
		'Results already delivered stay; each biobank reads the reason.',
		"Only your own jobs: another user's is refused (exit 3) unless --not-mine.",
	],
	flags: {
		reason: {
			type: 'string',
			value: 'TEXT',
			help: 'why, for the analysts (default: Withdrawn by the requester.)',
		},
		notMine: notMineFlag,
	},
	async run({argument, flags, session, out}) {
		const {researcher} = await session();
		const job = await researcher.job(argument);
		const reason = flags.reason ?? 'Withdrawn by the requester.';
		const cancelled = await researcher.cancel(job, reason, undefined, {notMine: flags.notMine});
		if (flags.json) return out.json('cancel', {id: argument, cancelled});
		out.lines(
			cancelled.length > 0
				? shown`Cancelled ${argument} at ${cancelled.join(', ')}.`
				: shown`Nothing to cancel: ${argument} is ready or cancelled everywhere.`,
		);
	},
});
