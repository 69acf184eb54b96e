import prettyBytes from 'pretty-bytes';
import type {TransferProgress} from '../transfer/transfer.js';
import type {CommandContext} from './command.js';
import {jsonText} from '../text/json-text.js';

/** A usage mistake: exit code 2 and the usage line. */
export class UsageError extends Error {
	override name = 'UsageError';
}

export function requireArgument(context: CommandContext, index: number, what: string): string {
	const value = context.args[index];
	if (value === undefined || value === '') throw new UsageError(`Missing ${what}.`);
	return value;
}

export function stringFlag(context: CommandContext, name: string): string | undefined {
	const value = context.flags[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export function writeJson(context: CommandContext, value: unknown): void {
	context.stdout.write(`${jsonText(value)}\n`);
}

/** Progress for people on stderr, one line rewritten in place; nothing when stderr is not a terminal. */
export function progressPrinter(
	context: CommandContext,
): (label: string, progress: TransferProgress) => void {
	if (!context.stderr.isTTY) return () => undefined;
	return (label, {done, total, phase}) => {
		const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
		context.stderr.write(
			`\r${label}: ${percent}% of ${prettyBytes(total)} ${phase}\u001B[K${phase === 'done' ? '\n' : ''}`,
		);
	};
}
