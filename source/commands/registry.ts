import type {Command} from './command.js';

/** Every scriptable subcommand (`ivjm <name> …`); each lives in a file of its own. */
export const commands: Command[] = [];

export function findCommand(name: string): Command | undefined {
	return commands.find((command) => command.name === name);
}
