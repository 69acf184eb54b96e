import {shorten, terminalSafe} from '../text/terminal-safe.js';
import type {Finding} from './finding.js';

const count = (value: number) => value.toLocaleString('en-US');
const quoted = (text: string) => `"${terminalSafe(shorten(text, 60))}"`;

/**
 * One finding in words, safe for a terminal (column and member names come from the file):
 * `in res.zip › scores.txt: column 3 "IID" identifies people`.
 */
export function describeFinding(finding: Finding): string {
	const where = finding.member === undefined ? '' : `in ${quoted(finding.member)}: `;
	const column = finding.column
		? `column ${finding.column.index + 1} ${quoted(finding.column.name)}`
		: 'a column';
	switch (finding.rule) {
		case 'identifier-column': {
			return `${where}${column} identifies people`;
		}
		case 'individual-format': {
			const by = {name: 'by its name', magic: 'by its content', columns: 'by its columns'};
			const format = finding.format;
			return `${where}${format ? `${format.label} (${by[format.by]})` : 'a per-person format'}: one record per person`;
		}
		case 'undeclared-file': {
			return 'not one of the outputs the job declared';
		}
		case 'unreadable': {
			return `${where}not readable by the scan: ${terminalSafe(shorten(finding.detail ?? 'unknown', 120))}`;
		}
		case 'small-count': {
			const total = finding.total ?? finding.cells?.length ?? 0;
			const first = finding.cells?.[0];
			return `${where}${count(total)} ${total === 1 ? 'count' : 'counts'} in ${column} below ${finding.below ?? '?'}${first ? ` (line ${count(first.line)}: ${quoted(first.value)})` : ''}`;
		}
		case 'cohort-sized-table': {
			const axis = finding.axis ?? 'rows';
			return `${where}${count(finding.total ?? 0)} ${axis}: as many as a cohort would have (one per person?)`;
		}
		case 'not-scanned': {
			return `${where}${terminalSafe(finding.detail ?? 'binary data')}: not scanned, look at it yourself`;
		}
	}
}
