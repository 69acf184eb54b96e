import prettyBytes from 'pretty-bytes';
import {
	AnalystError,
	ClaimLost,
	InvalidJob,
	MissingOutputs,
	NotInInbox,
	UnsafeJobPath,
	WrongStatus,
} from '../jobs/analyst/analyst-errors.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {checkJobId} from '../protocol/job-id.js';
import {checkBiobank} from '../protocol/names.js';
import {TransferError} from '../transfer/errors/index.js';
import type {CommandContext} from './command.js';
import {exitCodeFor, exitCodes} from './exit-codes.js';
import {jsonText} from '../text/json-text.js';

/** A mistake in the command line: exit code `usage`, with the sentence that says what to type. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}

/** `--biobank B`, checked as a biobank name of the bucket layout. */
export function biobankFlag(flags: Record<string, unknown>): string {
	const biobank = flags['biobank'];
	if (typeof biobank !== 'string' || biobank === '') {
		throw new UsageError('--biobank is needed: the biobank you work for, e.g. --biobank HUS.');
	}

	const check = checkBiobank(biobank);
	if (!check.ok) throw new UsageError(`--biobank: ${check.reason}`);
	return biobank;
}

/** The one JOBID argument. */
export function jobIdArgument(args: string[], usage: string): string {
	const [jobId, ...rest] = args;
	if (jobId === undefined || rest.length > 0) throw new UsageError(`Usage: ivjm ${usage}`);
	const reason = checkJobId(jobId);
	if (reason) throw new UsageError(reason);
	return jobId;
}

export function stringFlag(flags: Record<string, unknown>, name: string): string | undefined {
	const value = flags[name];
	if (value === undefined) return undefined;
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') throw new UsageError(`--${name} takes one value.`);
	return value;
}

/** The exit code of an analyst command's failure: what a batch script branches on. */
export function analystExitCode(error: unknown): number {
	if (error instanceof UsageError) return exitCodes.usage;
	if (error instanceof NotInInbox) return exitCodes.notFound;
	if (error instanceof ClaimLost || error instanceof WrongStatus) return exitCodes.conflict;
	if (error instanceof InvalidJob || error instanceof UnsafeJobPath) return exitCodes.failure;
	if (error instanceof MissingOutputs) return exitCodes.failure;
	if (error instanceof TransferError) return exitCodes.transfer;
	if (error instanceof AnalystError) return exitCodes.failure;
	return exitCodeFor(error);
}

/**
 * Runs a command's work and turns an expected failure into its message (stderr, or JSON with
 * `--json`) and exit code; unexpected errors go on to the CLI, which shows them (and `--debug`).
 */
export async function runAnalystCommand(
	context: CommandContext,
	work: () => Promise<number>,
): Promise<number> {
	try {
		return await work();
	} catch (error) {
		const expected =
			error instanceof UsageError ||
			error instanceof AnalystError ||
			error instanceof TransferError;
		if (!expected && analystExitCode(error) === exitCodes.failure) throw error;
		const message = error instanceof Error ? error.message : String(error);
		if (context.flags['json'] === true) {
			context.stdout.write(
				`${jsonText({error: {kind: error instanceof Error ? error.name : 'Error', message, ...errorFields(error)}}, 0)}\n`,
			);
		}

		context.stderr.write(`ivjm: ${terminalSafe(message)}\n`);
		return analystExitCode(error);
	}
}

function errorFields(error: unknown): Record<string, unknown> {
	if (error instanceof ClaimLost) return {claimedBy: error.by ?? null, since: error.at ?? null};
	if (error instanceof WrongStatus) return {status: error.status};
	if (error instanceof InvalidJob) return {problems: error.problems};
	if (error instanceof UnsafeJobPath) return {path: error.path};
	if (error instanceof MissingOutputs) return {missing: error.missing};
	return {};
}

export type ProgressFigures = {
	done: number;
	total: number;
	rate?: number;
	etaSeconds?: number;
	current?: string;
};

/**
 * Progress for people on stderr, when it is a terminal: one line rewritten in place, at most a
 * few times a second. Scripts (stderr not a terminal) get nothing but the final result.
 */
export function progressReporter(stderr: CommandContext['stderr']): {
	update(figures: ProgressFigures): void;
	done(): void;
} {
	if (!stderr.isTTY) return {update: () => undefined, done: () => undefined};
	let last = 0;
	let shown = false;
	return {
		update(figures) {
			const now = Date.now();
			if (now - last < 200 && figures.done < figures.total) return;
			last = now;
			shown = true;
			const percent = figures.total > 0 ? Math.floor((figures.done / figures.total) * 100) : 100;
			const parts = [
				`${String(percent).padStart(3)}%`,
				`${prettyBytes(figures.done)} / ${prettyBytes(figures.total)}`,
				figures.rate ? `${prettyBytes(figures.rate)}/s` : '',
				figures.etaSeconds !== undefined && figures.done < figures.total
					? `${Math.ceil(figures.etaSeconds)}s left`
					: '',
				figures.current ? terminalSafe(figures.current).slice(0, 40) : '',
			].filter(Boolean);
			stderr.write(`\r\u001B[K${parts.join('  ')}`);
		},
		done() {
			if (shown) stderr.write('\r\u001B[K');
		},
	};
}
