import type {Session} from '../session/session.js';

/** What a scriptable subcommand gets: its arguments, the flags, and a way to open the session. */
export type CommandContext = {
	args: string[];
	flags: Record<string, unknown>;
	openSession: () => Promise<Session>;
	stdout: NodeJS.WritableStream;
	/** Progress and messages for people: only when stderr is a terminal. */
	stderr: NodeJS.WritableStream & {isTTY?: boolean};
};

export type Command = {
	name: string;
	usage: string;
	summary: string;
	/** Returns the exit code (see exit-codes.ts). */
	run(context: CommandContext): Promise<number>;
};
