import type {SettingsFlags} from '../../config/settings.js';
import {checkJobId} from '../../protocol/job-id.js';
import type {Session} from '../../session/session.js';
import {commonFlags, type FlagSpecs, type FlagValues} from './flags.js';
import type {Output} from './output.js';
import type {ProgressLine} from './progress-line.js';

/** The one word a command takes besides its flags (a job id), when it takes one. */
export type ArgumentSpec = {
	name: string;
	help: string;
	optional?: true;
	/** Why the value cannot be used, or undefined. */
	check?: (value: string) => string | undefined;
	/** An optional second word after it (`keys import FILE`). */
	then?: {name: string; help: string};
};

export type CommandContext<Flags extends FlagSpecs> = {
	flags: FlagValues<Flags & typeof commonFlags>;
	/** The argument, checked ('' when an optional one is not given). */
	argument: string;
	/** The second word, when the argument takes one (`ArgumentSpec.then`) and it was given. */
	then?: string;
	/** The session, opened (and signed in) when the command first needs it. */
	session(): Promise<Session>;
	/** The settings flags, for the commands that read the settings themselves. */
	settingsFlags: SettingsFlags;
	out: Output;
	progress: ProgressLine;
	/** Words for people beside the output (already cleaned): stderr. */
	tell(line: string): void;
};

/**
 * A command: its name, what it does, the argument and the flags it takes (typed, each with its
 * help line), and what it does with them. Adding a flag is one line in `flags`.
 */
export type Command<Flags extends FlagSpecs = FlagSpecs> = {
	name: string;
	summary: string;
	argument?: ArgumentSpec;
	flags: Flags;
	/** More lines for `ivjm help NAME`: what it prints, when it exits with what. */
	details?: string[];
	/** Returns the exit code when it is not 0. */
	run(context: CommandContext<Flags>): Promise<number | void>;
};

/** Keeps the flags' types for `run` (a plain object literal would widen them). */
export function defineCommand<const Flags extends FlagSpecs>(command: Command<Flags>): Command {
	return command as unknown as Command;
}

/** JOBID, checked as a job id (`<seconds>-<user>`). */
export const jobIdArgument = (help: string): ArgumentSpec => ({
	name: 'JOBID',
	help,
	check: checkJobId,
});
