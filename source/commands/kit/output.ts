import type {commandDocuments, DocumentOf} from '../json-shapes.js';
import {displayText} from '../../text/display-text.js';
import {jsonText} from '../../text/json-text.js';
import type {ErrorDocument} from './error-report.js';

/** The version of every `--json` document; a change that breaks a reader raises it. */
export const schemaVersion = 'ivjm/1';

/** A column of a table: its header on a terminal, and how wide a cell may grow there. */
export type Column = {header: string; max?: number};

type Stream = NodeJS.WritableStream & {isTTY?: boolean};

/**
 * What a command prints, and the only way it prints: one JSON document, a table (headers and
 * aligned columns on a terminal, tab-separated values without a header when piped), or a
 * sentence. Every cell and every value in a sentence goes through the display chokepoint.
 */
export class Output {
	/** stdout is a terminal: tables get headers and aligned columns. */
	readonly terminal: boolean;
	private readonly stdout: Stream;
	private closed = false;

	constructor(stdout: Stream) {
		this.stdout = stdout;
		this.terminal = stdout.isTTY === true;
		// `ivjm jobs | head -1`: the reader has gone; the rest is dropped, the exit status stays.
		stdout.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code !== 'EPIPE') throw error;
			this.closed = true;
		});
	}

	/** One JSON document, `{"schema": "ivjm/1", ...}` (json-shapes.ts), exact text kept. */
	json<Name extends keyof typeof commandDocuments>(_name: Name, document: DocumentOf<Name>): void {
		this.write(`${jsonText({schema: schemaVersion, ...document})}\n`);
	}

	/** The one error document (error-report.ts). */
	error(error: ErrorDocument): void {
		this.write(`${jsonText({schema: schemaVersion, error})}\n`);
	}

	/** A table; cells are anyone's text. Empty rows print nothing (not even the header). */
	table(columns: readonly Column[], rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
		if (rows.length === 0) return;
		if (!this.terminal) {
			for (const row of rows) {
				this.write(`${row.map((cell) => displayText(String(cell), 1000)).join('\t')}\n`);
			}
			return;
		}
		const cells = rows.map((row) =>
			columns.map((column, index) => displayText(String(row[index] ?? ''), column.max ?? 60)),
		);
		const widths = columns.map((column, index) =>
			Math.max(column.header.length, ...cells.map((row) => [...(row[index] ?? '')].length)),
		);
		for (const row of [columns.map((column) => column.header), ...cells]) {
			const line = row.map((cell, index) =>
				index === row.length - 1
					? cell
					: cell + ' '.repeat((widths[index] ?? 0) - [...cell].length),
			);
			this.write(`${line.join('  ').trimEnd()}\n`);
		}
	}

	/** A document of another schema (a TES task), already serialised with `jsonText`. */
	raw(text: string): void {
		this.write(text);
	}

	/** Lines already made safe (by `shown`, or our own words). */
	lines(...lines: string[]): void {
		for (const line of lines) this.write(`${line}\n`);
	}

	private write(text: string): void {
		if (!this.closed) this.stdout.write(text);
	}
}
