import {giveUpCommand} from './analyst-give-up.js';

/** `ivjm fail JOBID --biobank B --reason TEXT`: the run broke; a later claim takes it up again. */
export const failCommand = giveUpCommand(
	'fail',
	'failed',
	'mark a job you claimed failed, with a reason',
);
