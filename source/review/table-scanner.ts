import {formatByColumns, isSmallCount, type CompiledRules} from './compiled-rules.js';
import {
	maxCellsKept,
	severityOf,
	type Finding,
	type FindingRule,
	type FlaggedCell,
} from './finding.js';
import {splitFields} from './split-fields.js';
import {detectTable, preambleComplete, type TableShape} from './table-shape.js';

/** What a text content turned out to be. */
export type TextSummary =
	{kind: 'text'} | {kind: 'table'; shape: TableShape; rows: number; ragged: number};

/** Where the lines come from: the file (and archive member) the findings name. */
export type Place = {file: string; member?: string};

export type TextScanner = {
	/** One line; false when the rest of the content need not be read. */
	line(text: string, cut: boolean): boolean;
	finish(): {summary: TextSummary; findings: Finding[]};
};

/**
 * Reads a text content line by line: its first lines tell whether it is a table; the header
 * gives identifier columns, a per-individual column set and count columns; then every row is
 * read for small counts and counted (a table is read whole: one small cell anywhere matters).
 * Text that is not a table is left after its first lines: no rule looks into prose.
 */
export function createTextScanner(compiled: CompiledRules, place: Place): TextScanner {
	const findings: Finding[] = [];
	const preamble: string[] = [];
	let shape: TableShape | undefined;
	let state: 'preamble' | 'rows' | 'text' = 'preamble';
	let lineNumber = 0;
	let rows = 0;
	let ragged = 0;
	let counts: Array<{index: number; name: string; cells: FlaggedCell[]; total: number}> = [];
	const threshold = compiled.rules.threshold;
	const found = (rule: FindingRule, extra: Omit<Finding, 'rule' | 'severity' | 'file'>) =>
		findings.push({rule, severity: severityOf[rule], ...place, ...extra});

	const row = (text: string, number: number): void => {
		if (text.trim() === '' || text.startsWith('#')) return;
		rows++;
		if (!shape || counts.length === 0) return;
		const fields = splitFields(text, shape.delimiter);
		if (fields.length !== shape.width) ragged++;
		for (const column of counts) {
			const cell = fields[column.index];
			if (cell === undefined || !isSmallCount(cell, threshold)) continue;
			column.total++;
			if (column.cells.length < maxCellsKept) {
				column.cells.push({line: number, column: column.index, value: cell.trim()});
			}
		}
	};

	const begin = (): boolean => {
		shape = detectTable(preamble, (name) => compiled.identifier(name) || compiled.count(name));
		if (!shape) {
			state = 'text';
			return false;
		}
		state = 'rows';
		header(shape);
		for (const [index, text] of preamble.entries()) {
			if (index + 1 >= shape.firstDataLine) row(text, index + 1);
		}
		preamble.length = 0;
		return true;
	};

	const header = (table: TableShape): void => {
		const line = table.headerLine;
		for (const [index, name] of table.columns.entries()) {
			if (compiled.identifier(name)) found('identifier-column', {column: {index, name}, line});
		}
		const format = formatByColumns(compiled, table.columns);
		if (format) {
			found('individual-format', {
				format: {id: format.id, label: format.label, by: 'columns'},
				line,
			});
		}
		if (table.width >= compiled.rules.cohortRows) {
			found('cohort-sized-table', {axis: 'columns', total: table.width, line});
		}
		counts = table.columns.flatMap((name, index) =>
			compiled.count(name) && !compiled.identifier(name)
				? [{index, name, cells: [], total: 0}]
				: [],
		);
	};

	return {
		line(text) {
			lineNumber++;
			if (state === 'rows') {
				row(text, lineNumber);
				return true;
			}
			if (state === 'text') return false;
			preamble.push(text);
			return preambleComplete(preamble) ? begin() : true;
		},
		finish() {
			if (state === 'preamble') begin();
			for (const column of counts) {
				if (column.total === 0) continue;
				found('small-count', {
					column: {index: column.index, name: column.name},
					line: column.cells[0]?.line,
					cells: column.cells,
					total: column.total,
					below: threshold,
				});
			}
			if (shape && rows >= compiled.rules.cohortRows) {
				found('cohort-sized-table', {axis: 'rows', total: rows, line: shape.firstDataLine});
			}
			const summary: TextSummary = shape ? {kind: 'table', shape, rows, ragged} : {kind: 'text'};
			return {summary, findings};
		},
	};
}
