import {blank, continued, mayDrift, sameCell, type Cell} from './cells.js';
import {findScroll, scrolled, type Scroll} from './scroll.js';

/** One row of the screen as drawn: Ink's line for it, and its cells. */
export type Row = {line: string; cells: Cell[]};

const csi = '\u001B[';

/** Where the terminal's cursor is and how it draws, as far as the bytes written so far say. */
class Pen {
	out = '';
	style = '';
	row = -1;
	/** -1: unknown (after a grapheme terminals may measure differently, or at the right edge). */
	column = -1;

	constructor(private readonly columns: number) {}

	moveTo(row: number, column: number): void {
		if (row === this.row && column === this.column) return;
		if (row === this.row && this.column >= 0 && column > this.column)
			this.out += `${csi}${column - this.column === 1 ? '' : column - this.column}C`;
		else this.out += column === 0 ? `${csi}${row + 1}H` : `${csi}${row + 1};${column + 1}H`;
		this.row = row;
		this.column = column;
	}

	look(style: string): void {
		if (style === this.style) return;
		this.out += style === '' ? `${csi}0m` : `${csi}0;${style}m`;
		this.style = style;
	}

	draw(cell: Cell): void {
		if (cell.width === 0) return;
		this.look(cell.style);
		this.out += cell.text;
		this.column += cell.width;
		if (mayDrift(cell) || this.column >= this.columns) this.column = -1;
	}

	/** Erases from the cursor to the end of the line, in the default look. */
	eraseRight(): void {
		this.look('');
		this.out += `${csi}K`;
	}

	scroll({top, bottom, shift}: Scroll): void {
		this.look('');
		const amount = Math.abs(shift);
		this.out += `${csi}${top + 1};${bottom + 1}r${csi}${amount === 1 ? '' : amount}${shift > 0 ? 'S' : 'T'}${csi}r`;
		// Setting the margins homes the cursor.
		this.row = 0;
		this.column = 0;
	}

	finish(): string {
		this.look('');
		return this.out;
	}
}

const isBlank = (cell: Cell) => cell.width === 1 && sameCell(cell, blank);

/** Index after the last cell that is not a default blank. */
function contentEnd(cells: readonly Cell[]): number {
	let end = cells.length;
	while (end > 0 && isBlank(cells[end - 1]!)) end--;
	return end;
}

/** Draws whole rows, each ended by erasing the rest of its line. */
export function paint(rows: readonly Row[], columns: number): string {
	const pen = new Pen(columns);
	rows.forEach((row, index) => drawRow(pen, index, undefined, row.cells, columns));
	return pen.finish();
}

/**
 * The bytes that turn a screen showing `previous` into one showing `next` (same size): a
 * scroll of a block of rows where that saves writing them, then only the cells that differ.
 * Empty when nothing differs.
 */
export function update(previous: readonly Row[], next: readonly Row[], columns: number): string {
	const pen = new Pen(columns);
	let shown = previous;
	const scroll = findScroll(previous, next);
	if (scroll) {
		pen.scroll(scroll);
		shown = scrolled(previous, scroll, {line: '', cells: next[0]!.cells.map(() => blank)});
	}
	next.forEach((row, index) => {
		const old = shown[index];
		if (old && old.line === row.line) return;
		drawRow(pen, index, old?.cells, row.cells, columns);
	});
	return pen.finish();
}

/** Writes the cells of one row that differ from `old` (all of them when `old` is unknown). */
function drawRow(
	pen: Pen,
	index: number,
	old: readonly Cell[] | undefined,
	cells: readonly Cell[],
	columns: number,
): void {
	const changed = cells.map((cell, column) => !old || !sameCell(cell, old[column] ?? blank));
	// A wide grapheme is written whole: both of its cells count as changed, in either frame.
	for (let column = 0; column < columns; column++) {
		if (!changed[column]) continue;
		for (const version of old ? [cells, old] : [cells]) {
			if (version[column] === continued && column > 0) changed[column - 1] = true;
			if (version[column]?.width === 2 && column + 1 < columns) changed[column + 1] = true;
		}
	}
	for (let column = columns - 1; column > 0; column--) {
		if (changed[column] && (cells[column] === continued || old?.[column] === continued))
			changed[column - 1] = true;
	}
	const end = contentEnd(cells);
	const oldEnd = old ? contentEnd(old) : columns;
	// Cells not worth moving over: rewriting a short unchanged gap costs less than a jump.
	const gap = 6;
	let column = changed.indexOf(true);
	while (column !== -1 && column < columns) {
		let last = column;
		for (let probe = column + 1; probe < columns && probe <= last + gap + 1; probe++)
			if (changed[probe]) last = probe;
		const stop = Math.min(last + 1, end);
		if (column < stop) pen.moveTo(index, column);
		for (let at = column; at < stop; at++) pen.draw(cells[at]!);
		if (last + 1 > end && oldEnd > end) {
			// What is left of the row is blank now: erase it rather than write spaces.
			if (column >= stop) pen.moveTo(index, Math.max(column, end));
			pen.eraseRight();
			return;
		}
		column = changed.indexOf(true, last + 1);
	}
}
