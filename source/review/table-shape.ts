import {columnName} from './name-pattern.js';
import {cellNumber, splitFields, type Delimiter} from './split-fields.js';

/** How a text file is laid out as a table, from its first lines. */
export type TableShape = {
	delimiter: Delimiter;
	/** 1-based line of the header; absent when the first row is already data (all numbers). */
	headerLine?: number;
	/** Column names as the header gives them (`#` and quotes dropped); empty without a header. */
	columns: string[];
	/** How many fields a row has. */
	width: number;
	/** 1-based line of the first data row. */
	firstDataLine: number;
};

/** Comment lines (`#…`) allowed before the header: PGS Catalog files have a dozen, VCF hundreds. */
export const maxPreambleLines = 1000;

/**
 * The preamble is complete (a shape can be told) once it holds two lines of content after the
 * comments, or the end of the file, or too many lines to be a table's preamble.
 */
export function preambleComplete(lines: readonly string[]): boolean {
	if (lines.length >= maxPreambleLines) return true;
	return lines.filter((line) => line.trim() !== '' && !line.startsWith('#')).length >= 2;
}

/**
 * Tells the table in `lines` (the file's first lines; index 0 is line 1): TSV, CSV or whitespace
 * separated, at least two columns whose count the next row repeats. A header may be a `#` line
 * (PLINK 2's `#FID IID …`). A one-column file is a table only when `knownName` takes its header
 * (a list of IIDs). Anything else is not a table: undefined.
 */
export function detectTable(
	lines: readonly string[],
	knownName: (name: string) => boolean,
): TableShape | undefined {
	const content = lines.flatMap((line, index) =>
		line.trim() !== '' && !line.startsWith('#') ? [index] : [],
	);
	const first = content[0];
	if (first === undefined) return undefined;
	const firstLine = lines[first] as string;
	const next = content[1] === undefined ? undefined : (lines[content[1]] as string);
	const delimiter = chooseDelimiter(firstLine, next);
	if (delimiter === undefined) {
		return next !== undefined && knownName(columnName(firstLine))
			? {
					delimiter: 'tab',
					headerLine: first + 1,
					columns: [columnName(firstLine)],
					width: 1,
					firstDataLine: first + 2,
				}
			: undefined;
	}

	const fields = splitFields(firstLine, delimiter);
	const above = first > 0 ? (lines[first - 1] as string) : undefined;
	if (above?.startsWith('#') && !above.startsWith('##')) {
		const header = splitFields(above, delimiter);
		if (header.length === fields.length) {
			return {
				delimiter,
				headerLine: first,
				columns: header.map(columnName),
				width: fields.length,
				firstDataLine: first + 1,
			};
		}
	}

	if (fields.every((field) => cellNumber(field) !== undefined)) {
		return {delimiter, columns: [], width: fields.length, firstDataLine: first + 1};
	}

	return {
		delimiter,
		headerLine: first + 1,
		columns: fields.map(columnName),
		width: fields.length,
		firstDataLine: first + 2,
	};
}

function chooseDelimiter(first: string, next: string | undefined): Delimiter | undefined {
	for (const delimiter of ['tab', 'comma', 'space'] as const) {
		const width = splitFields(first, delimiter).length;
		if (width < 2) continue;
		// A lone line is a table's header only when tabs split it: prose has commas and spaces.
		if (next === undefined) {
			if (delimiter === 'tab') return delimiter;
			continue;
		}
		if (splitFields(next, delimiter).length === width) return delimiter;
	}
	return undefined;
}
