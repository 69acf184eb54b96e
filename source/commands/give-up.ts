import {biobankFlag} from './analyst-flags.js';
import {defineCommand, jobIdArgument} from './kit/define-command.js';
import {shown} from '../text/display-text.js';

/** `ivjm fail` and `ivjm decline`: the same steps with another marker. */
function giveUpCommand(name: 'fail' | 'decline', marker: 'failed' | 'declined', summary: string) {
	return defineCommand({
		name,
		summary,
		argument: jobIdArgument('the job, as `ivjm inbox` lists it'),
		details: ['The requester reads the reason; a later claim takes the job up again.'],
		flags: {
			biobank: biobankFlag,
			reason: {type: 'string', value: 'TEXT', help: 'why, for the requester', required: true},
		},
		async run({argument, flags, session, out}) {
			const biobank = flags.biobank ?? '';
			const result = await (
				await session()
			).analyst.giveUp({
				jobId: argument,
				biobank,
				marker,
				reason: flags.reason ?? '',
			});
			if (flags.json) {
				return out.json(name, {
					id: argument,
					biobank,
					status: marker,
					by: result.by,
					reason: result.reason,
				});
			}
			out.lines(shown`${argument} is ${marker} at ${biobank}.`);
		},
	});
}

/** `ivjm fail JOBID --biobank B --reason TEXT`: the run broke; a later claim takes it up again. */
export const failCommand = giveUpCommand(
	'fail',
	'failed',
	'mark a job you claimed failed, with a reason',
);

/** `ivjm decline JOBID --biobank B --reason TEXT`: the biobank will not run it. */
export const declineCommand = giveUpCommand(
	'decline',
	'declined',
	'decline a job, with a reason the requester reads',
);
