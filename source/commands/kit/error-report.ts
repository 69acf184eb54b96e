import {errorCodeOf, isExpected, nextStepOf, type ErrorCode} from '../exit-codes.js';
import {displayMessage} from '../../text/display-text.js';
import type {Output} from './output.js';
import {utcTime} from './utc-time.js';

/** The one shape of an error under `--json` (documented in the readme). */
export type ErrorDocument = {
	code: ErrorCode;
	/** The error's class, e.g. `ClaimLost`, `NotFound`, `UsageError`. */
	kind: string;
	message: string;
	nextStep: string | null;
	/** What the error knows: the job id, who holds it, the missing files, the object… */
	details: Record<string, unknown>;
};

const notDetails = new Set(['name', 'message', 'stack', 'kind', 'nextStep', 'cause']);

export function errorDocument(error: unknown): ErrorDocument {
	const message = error instanceof Error ? error.message : String(error);
	const details: Record<string, unknown> = {};
	if (error instanceof Error && isExpected(error)) {
		for (const [key, value] of Object.entries(error)) {
			if (notDetails.has(key) || value === undefined) continue;
			details[key] = key === 'at' && typeof value === 'string' ? utcTime(value) : value;
		}
	}
	return {
		code: errorCodeOf(error),
		kind: error instanceof Error ? error.name : 'Error',
		message,
		nextStep: nextStepOf(error) ?? null,
		details,
	};
}

/**
 * Tells what went wrong: `ivjm: <message>` and the next step on stderr (cleaned: messages quote
 * names and reasons), the stack with `--debug`, and the JSON error on stdout with `--json`.
 */
export function reportError(
	error: unknown,
	options: {json: boolean; debug: boolean; out: Output; stderr: NodeJS.WritableStream},
): void {
	const document = errorDocument(error);
	if (options.json) options.out.error(document);
	const lines = [`ivjm: ${displayMessage(document.message)}`];
	if (document.nextStep) lines.push(displayMessage(document.nextStep));
	if (options.debug && error instanceof Error && error.stack) lines.push(error.stack);
	options.stderr.write(`${lines.join('\n')}\n`);
}
