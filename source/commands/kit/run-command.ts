import type {SettingsFlags} from '../../config/settings.js';
import type {Session} from '../../session/session.js';
import {exitCodeFor, exitCodes} from '../exit-codes.js';
import type {Command} from './define-command.js';
import {reportError} from './error-report.js';
import {commonFlags, flagUsage, kebab, settingsFlagsOf} from './flags.js';
import {commandHelp} from './help-text.js';
import {Output} from './output.js';
import {parseCommandLine} from './parse-command-line.js';
import {ProgressLine} from './progress-line.js';
import {UsageError} from './usage-error.js';

type Stream = NodeJS.WritableStream & {isTTY?: boolean};

export type CommandIo = {
	stdout: Stream;
	stderr: Stream;
	openSession: (flags: SettingsFlags) => Promise<Session>;
};

/** `--help` or `-h` anywhere before `--`: the command is not run, whatever else is typed. */
export function asksForHelp(argv: readonly string[]): boolean {
	const end = argv.indexOf('--');
	return (end === -1 ? argv : argv.slice(0, end)).some(
		(word) => word === '--help' || word === '-h',
	);
}

/**
 * Runs one command: parses its flags, prints its help instead when asked, checks its argument
 * and required flags, runs it, and turns any failure into the message, the next step, the JSON
 * error (with --json) and the exit code. Returns the exit code.
 */
export async function runCommand(
	command: Command,
	argv: readonly string[],
	io: CommandIo,
): Promise<number> {
	const out = new Output(io.stdout);
	const progress = new ProgressLine(io.stderr);
	if (asksForHelp(argv)) {
		out.lines(...commandHelp(command));
		return exitCodes.ok;
	}
	// Known before parsing, so a parse error is reported the way the script asked for.
	let json = argv.includes('--json');
	let debug = argv.includes('--debug');
	try {
		const {flags, args} = parseCommandLine(argv, {...commonFlags, ...command.flags});
		json = flags.json;
		debug = flags.debug;
		const [argument, then] = checkArguments(command, args);
		for (const [name, spec] of Object.entries(command.flags)) {
			if (
				spec.type === 'string' &&
				spec.required &&
				(flags as Record<string, unknown>)[name] === undefined
			) {
				throw new UsageError(
					`--${kebab(name)} is needed: ${flagUsage(name, spec)} (${spec.help}).`,
					`\`ivjm help ${command.name}\` says what it takes.`,
				);
			}
		}
		const settingsFlags = settingsFlagsOf(flags);
		let session: Promise<Session> | undefined;
		const code = await command.run({
			flags,
			argument,
			then,
			settingsFlags,
			session: () => (session ??= io.openSession(settingsFlags)),
			out,
			progress,
			tell: (line) => io.stderr.write(`${line}\n`),
		});
		return code ?? exitCodes.ok;
	} catch (error) {
		progress.done();
		reportError(error, {json, debug, out, stderr: io.stderr});
		return exitCodeFor(error);
	}
}

function checkArguments(command: Command, args: readonly string[]): [string, string?] {
	const spec = command.argument;
	const [first, ...rest] = args;
	const then = spec?.then ? rest.shift() : undefined;
	const extra = rest;
	const usage = `\`ivjm help ${command.name}\` says what it takes.`;
	if (extra.length > 0 || (first !== undefined && !spec)) {
		throw new UsageError(
			`ivjm ${command.name} takes ${spec ? `one ${spec.name}` : 'no argument'}; ${[...(spec ? extra : args)].join(' ')} is one too many.`,
			usage,
		);
	}
	if (!spec) return [''];
	if (first === undefined) {
		if (spec.optional) return [''];
		throw new UsageError(`ivjm ${command.name} needs the ${spec.name}: ${spec.help}.`, usage);
	}
	const problem = spec.check?.(first);
	if (problem) throw new UsageError(problem, usage);
	return [first, then];
}
