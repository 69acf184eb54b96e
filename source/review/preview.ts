import {shorten, terminalSafe} from '../text/terminal-safe.js';
import type {ReviewRules} from '../protocol/review-rules.js';
import {binaryKind, looksBinary} from './binary-kinds.js';
import {
	compileRules,
	formatByMagic,
	headBytes,
	isSmallCount,
	type CompiledRules,
} from './compiled-rules.js';
import type {Severity} from './finding.js';
import {createLineSplitter} from './line-splitter.js';
import {openContent} from './open-content.js';
import {splitFields} from './split-fields.js';
import {detectTable, preambleComplete, type TableShape} from './table-shape.js';

/** A cell or a line ready for a terminal: made safe, cut, and marked when a rule flags it. */
export type PreviewCell = {text: string; mark?: Severity};

export type Preview =
	| {
			kind: 'table';
			header?: {line: number; cells: PreviewCell[]};
			rows: Array<{line: number; cells: PreviewCell[]}>;
			/** More rows follow the last one shown. */
			more: boolean;
	  }
	| {kind: 'text'; lines: Array<{line: number; text: string}>; more: boolean}
	| {kind: 'binary'; description: string}
	| {kind: 'archive'; members: string[]}
	| {kind: 'empty'};

export type PreviewOptions = {
	/** A member of a zip archive; without it, an archive's preview lists its members. */
	member?: string;
	/** Rows (or lines) shown: default 20, at most 200. */
	rows?: number;
	/** The first line shown (1-based, in the unpacked text): a flagged cell far down. */
	fromLine?: number;
	/** A cell is cut to this many characters (default 24), a line of text to `maxLineChars` (200). */
	maxCellChars?: number;
	maxLineChars?: number;
};

/**
 * The first rows of a file about to leave, as the reviewer sees them: the same table reading and
 * the same rules as the scan, so the cells the scan flagged are marked here (a whole identifier
 * column blocking, a small count a warning). Only the lines shown are read. Every piece of text
 * comes from the file, so each goes through `terminalSafe` and is cut.
 */
export async function previewFile(
	path: string,
	rules: ReviewRules,
	options: PreviewOptions = {},
): Promise<Preview> {
	const compiled = compileRules(rules);
	const opened = await openContent(path, options.member);
	if (opened.members) {
		return {
			kind: 'archive',
			members: opened.members.map((name) => terminalSafe(shorten(name, 200))),
		};
	}
	const wanted = Math.min(Math.max(options.rows ?? 20, 1), 200);
	const from = Math.max(options.fromLine ?? 1, 1);
	// The first lines tell the table; then only the lines from `from` on are kept.
	const preamble: string[] = [];
	const window: Array<{line: number; text: string}> = [];
	let count = 0;
	const splitter = createLineSplitter((text) => {
		count++;
		if (!preambleComplete(preamble)) preamble.push(text);
		if (count >= from) window.push({line: count, text});
		// A few lines more than wanted: blank and comment lines are not rows.
		return !(preambleComplete(preamble) && window.length > wanted + 8);
	});
	let head = Buffer.alloc(0);
	for await (const chunk of opened.chunks) {
		if (head.length < headBytes)
			head = Buffer.concat([head, chunk.subarray(0, headBytes - head.length)]);
		if (looksBinary(head) || !splitter.push(chunk)) break;
	}
	if (head.length === 0) return {kind: 'empty'};
	if (looksBinary(head)) {
		const format = formatByMagic(compiled, head);
		return {kind: 'binary', description: format?.label ?? binaryKind(head)?.label ?? 'binary data'};
	}
	splitter.end();
	const shape = detectTable(preamble, (name) => compiled.identifier(name) || compiled.count(name));
	if (!shape) {
		const shown = window.slice(0, wanted);
		return {
			kind: 'text',
			lines: shown.map(({line, text}) => ({
				line,
				text: terminalSafe(shorten(text, options.maxLineChars ?? 200)),
			})),
			more: window.length > wanted,
		};
	}
	const rows = window.filter(({line}) => line >= shape.firstDataLine);
	return tablePreview(rows, shape, compiled, wanted, options.maxCellChars ?? 24);
}

function tablePreview(
	lines: ReadonlyArray<{line: number; text: string}>,
	shape: TableShape,
	compiled: CompiledRules,
	wanted: number,
	maxChars: number,
): Preview {
	const identifier = new Set(
		shape.columns.flatMap((name, index) => (compiled.identifier(name) ? [index] : [])),
	);
	const count = new Set(
		shape.columns.flatMap((name, index) =>
			compiled.count(name) && !identifier.has(index) ? [index] : [],
		),
	);
	const show = (text: string, mark?: Severity): PreviewCell => {
		const safe = terminalSafe(shorten(text.trim(), maxChars));
		return mark ? {text: safe, mark} : {text: safe};
	};
	const markOf = (index: number, text: string): Severity | undefined => {
		if (identifier.has(index)) return 'blocking';
		return count.has(index) && isSmallCount(text, compiled.rules.threshold) ? 'warning' : undefined;
	};

	const rows: Array<{line: number; cells: PreviewCell[]}> = [];
	let more = false;
	for (const {line, text} of lines) {
		if (text.trim() === '' || text.startsWith('#')) continue;
		if (rows.length === wanted) {
			more = true;
			break;
		}
		const cells = splitFields(text, shape.delimiter).map((field, column) =>
			show(field, markOf(column, field)),
		);
		rows.push({line, cells});
	}
	const preview: Preview = {kind: 'table', rows, more};
	if (shape.headerLine !== undefined) {
		preview.header = {
			line: shape.headerLine,
			cells: shape.columns.map((name, index) =>
				show(name, identifier.has(index) ? 'blocking' : undefined),
			),
		};
	}
	return preview;
}
