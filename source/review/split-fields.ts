/** How a table's fields are separated: a tab (TSV), a comma (CSV) or runs of spaces and tabs. */
export type Delimiter = 'tab' | 'comma' | 'space';

/** The fields of one line. CSV fields may be quoted (`"a, b"`, `""` for a quote) within the line. */
export function splitFields(line: string, delimiter: Delimiter): string[] {
	if (delimiter === 'tab') return line.split('\t');
	if (delimiter === 'space') {
		const trimmed = line.trim();
		return trimmed === '' ? [] : trimmed.split(/[ \t]+/u);
	}
	return line.includes('"') ? splitQuoted(line) : line.split(',');
}

function splitQuoted(line: string): string[] {
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	for (let index = 0; index < line.length; index++) {
		const char = line[index];
		if (quoted) {
			if (char === '"' && line[index + 1] === '"') {
				field += '"';
				index++;
			} else if (char === '"') {
				quoted = false;
			} else {
				field += char;
			}
		} else if (char === '"' && field.trim() === '') {
			quoted = true;
			field = '';
		} else if (char === ',') {
			fields.push(field);
			field = '';
		} else {
			field += char;
		}
	}
	fields.push(field);
	return fields;
}

/** A cell as a number, when it is one (`3`, `3.0`, `1e2`, `"4"`); NA, text and empty cells are not. */
export function cellNumber(cell: string): number | undefined {
	let text = cell.trim();
	if (text.length >= 2 && text.startsWith('"') && text.endsWith('"'))
		text = text.slice(1, -1).trim();
	if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/iu.test(text)) return undefined;
	return Number(text);
}
