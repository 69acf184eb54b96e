import type {Command} from './define-command.js';
import {commonFlags, flagUsage, type FlagSpecs} from './flags.js';

const exitCodeLine =
	'Exit codes: 0 done, 1 failure, 2 usage, 3 sign-in, 4 not found, 5 conflict, 6 transfer.';

/** `cancel JOBID [--reason TEXT]`: the command's own words, flags in brackets when optional. */
export function usageLine(command: Command): string {
	const argument = command.argument
		? command.argument.optional
			? `[${command.argument.name}]`
			: command.argument.name
		: undefined;
	const then = command.argument?.then ? `[${command.argument.then.name}]` : undefined;
	const flags = Object.entries(command.flags).map(([name, spec]) => flagUsage(name, spec, true));
	return [command.name, argument, then, ...flags].filter(Boolean).join(' ');
}

/** Aligned rows of `  --flag VALUE   help`. */
export function flagRows(flags: FlagSpecs): string[] {
	const rows = Object.entries(flags).map(([name, spec]) => [flagUsage(name, spec), spec.help]);
	const width = Math.max(...rows.map(([usage]) => (usage ?? '').length));
	return rows.map(([usage, help]) => `  ${(usage ?? '').padEnd(width)}  ${help}`);
}

/** `ivjm help NAME` and `ivjm NAME --help`. */
export function commandHelp(command: Command): string[] {
	const lines = [`Usage: ivjm ${usageLine(command)} [options]`, '', `${command.summary}.`];
	if (command.details) lines.push('', ...command.details);
	if (command.argument) {
		lines.push('', 'Arguments', `  ${command.argument.name}  ${command.argument.help}`);
		const then = command.argument.then;
		if (then) lines.push(`  ${then.name}  ${then.help}`);
	}
	if (Object.keys(command.flags).length > 0) lines.push('', 'Options', ...flagRows(command.flags));
	lines.push('', 'Common options', ...flagRows(commonFlags), '', exitCodeLine);
	return lines;
}

/** `ivjm --help` and `ivjm help`: every command, the TUI's options, the common ones. */
export function overviewHelp(commands: readonly Command[], tuiFlags: FlagSpecs): string[] {
	const width = Math.max(...commands.map((command) => command.name.length));
	return [
		'ivjm, the INTERVENE job manager',
		'',
		'Usage',
		'  ivjm [options]           the full-screen terminal UI',
		'  ivjm COMMAND [options]   one step, for scripts',
		'  ivjm help COMMAND        what a command takes and prints',
		'  ivjm --version           the version and the build (commit, day)',
		'',
		'Commands',
		...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
		'',
		'Options of the terminal UI',
		...flagRows(tuiFlags),
		'',
		'Common options',
		...flagRows(commonFlags),
		'',
		'Keys: ? help, esc back, q quit.',
		exitCodeLine,
	];
}
