import {giveUpCommand} from './analyst-give-up.js';

/** `ivjm decline JOBID --biobank B --reason TEXT`: the biobank will not run it. */
export const declineCommand = giveUpCommand(
	'decline',
	'declined',
	'decline a job, with a reason the requester reads',
);
