import type {Command} from './command.js';
import {claimCommand} from './analyst-claim.js';
import {declineCommand} from './analyst-decline.js';
import {deliverCommand} from './analyst-deliver.js';
import {failCommand} from './analyst-fail.js';
import {inboxCommand} from './analyst-inbox.js';
import {cancelCommand} from './cancel.js';
import {deleteCommand} from './delete.js';
import {jobsCommand} from './jobs.js';
import {resultsCommand} from './results.js';
import {showCommand} from './show.js';
import {submitCommand} from './submit.js';
import {configCommand} from './config.js';
import {logoutCommand} from './logout.js';

/** Every scriptable subcommand (`ivjm <name> …`); each lives in a file of its own. */
export const commands: Command[] = [
	jobsCommand,
	showCommand,
	submitCommand,
	resultsCommand,
	cancelCommand,
	deleteCommand,
	inboxCommand,
	claimCommand,
	deliverCommand,
	failCommand,
	declineCommand,
	configCommand,
	logoutCommand,
];

export function findCommand(name: string): Command | undefined {
	return commands.find((command) => command.name === name);
}
