import type {Command} from './command.js';
import {configCommand} from './config.js';
import {logoutCommand} from './logout.js';

/** Every scriptable subcommand (`ivjm <name> …`); each lives in a file of its own. */
export const commands: Command[] = [configCommand, logoutCommand];

export function findCommand(name: string): Command | undefined {
	return commands.find((command) => command.name === name);
}
