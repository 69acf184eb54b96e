import {shown} from '../text/display-text.js';
import {biobankFlag} from './analyst-flags.js';
import {defineCommand, jobIdArgument} from './kit/define-command.js';

/** `ivjm return JOBID --biobank B --reason TEXT`: the second reviewer sends a review back. */
export const returnCommand = defineCommand({
	name: 'return',
	summary: "return another analyst's reviewed delivery to them, with a reason",
	argument: jobIdArgument('the job awaiting your second review'),
	details: [
		'Nothing leaves; the first reviewer reads the reason, and their next deliver is a new',
		'review. Exit 5 when the job awaits no second review or you reviewed it first.',
	],
	flags: {
		biobank: biobankFlag,
		reason: {type: 'string', value: 'TEXT', help: 'why, for the first reviewer', required: true},
	},
	async run({argument, flags, session, out}) {
		const biobank = flags.biobank ?? '';
		const {returned, key} = await (
			await session()
		).analyst.returnRelease({jobId: argument, biobank, reason: flags.reason ?? ''});
		if (flags.json) {
			return out.json('return', {
				id: argument,
				biobank,
				reviewer: returned.request.reviewer,
				by: returned.by,
				reason: returned.reason,
				review: key,
			});
		}
		out.lines(
			shown`Returned ${argument} at ${biobank} to ${returned.request.reviewer}; nothing left the host.`,
		);
	},
});
