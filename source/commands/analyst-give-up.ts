import type {Command} from './command.js';
import {exitCodes} from './exit-codes.js';
import {
	biobankFlag,
	jobIdArgument,
	runAnalystCommand,
	stringFlag,
	UsageError,
} from './analyst-common.js';
import {jsonText} from '../text/json-text.js';

/** `ivjm fail` and `ivjm decline`: one command each, the same steps with another marker. */
export function giveUpCommand(
	name: 'fail' | 'decline',
	marker: 'failed' | 'declined',
	summary: string,
): Command {
	const usage = `${name} JOBID --biobank B --reason TEXT [--json]`;
	return {
		name,
		usage,
		summary,
		async run(context) {
			return runAnalystCommand(context, async () => {
				const biobank = biobankFlag(context.flags);
				const jobId = jobIdArgument(context.args, usage);
				const reason = stringFlag(context.flags, 'reason');
				if (reason === undefined || reason.trim() === '') {
					throw new UsageError(
						`--reason is needed: the requester reads why the job was ${marker}.`,
					);
				}

				const session = await context.openSession();
				const result = await session.analyst.giveUp({
					jobId,
					biobank,
					marker,
					reason,
				});
				if (context.flags['json'] === true) {
					context.stdout.write(`${jsonText({...result, status: marker})}\n`);
				} else {
					context.stdout.write(`${jobId} is ${marker} at ${biobank}.\n`);
				}

				return exitCodes.ok;
			});
		},
	};
}
