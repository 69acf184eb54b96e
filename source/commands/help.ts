import {didYouMean} from './kit/did-you-mean.js';
import {defineCommand, type Command} from './kit/define-command.js';
import {flagUsage, type FlagSpecs} from './kit/flags.js';
import {commandHelp, overviewHelp, usageLine} from './kit/help-text.js';
import {UsageError} from './kit/usage-error.js';

/** `ivjm help [COMMAND]`: what a command takes and prints, or every command. */
export function helpCommand(commands: readonly Command[], tuiFlags: FlagSpecs): Command {
	return defineCommand({
		name: 'help',
		summary: 'what a command takes and prints (ivjm help COMMAND), or every command',
		argument: {name: 'COMMAND', help: 'the command to explain', optional: true},
		flags: {},
		async run({argument, flags, out}) {
			const all = [...commands, helpCommand([], tuiFlags)];
			const chosen = argument === '' ? undefined : all.find((command) => command.name === argument);
			if (argument !== '' && !chosen) throw unknownCommand(argument, all);
			if (flags.json) {
				return out.json('help', {
					commands: (chosen ? [chosen] : all).map((command) => ({
						name: command.name,
						summary: command.summary,
						usage: `ivjm ${usageLine(command)}`,
						flags: Object.entries(command.flags).map(([name, spec]) => ({
							flag: flagUsage(name, spec),
							help: spec.help,
						})),
					})),
				});
			}
			out.lines(...(chosen ? commandHelp(chosen) : overviewHelp(all, tuiFlags)));
		},
	});
}

/** "no command jbos; did you mean jobs?", exit code 2. */
export function unknownCommand(name: string, commands: readonly Command[]): UsageError {
	const guess = didYouMean(
		name,
		commands.map((command) => command.name),
	);
	return new UsageError(
		`no command ${name}${guess ? `; did you mean ${guess}?` : ''}`,
		'`ivjm help` lists the commands.',
	);
}
