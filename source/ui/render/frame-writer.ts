import {lineCells, type Cell} from './cells.js';
import {paint, update, type Row} from './frame-diff.js';

export type Size = {columns: number; rows: number};

const beginFrame = '\u001B[?2026h';
const endFrame = '\u001B[?2026l';
const hideCursor = '\u001B[?25l';

/**
 * Keeps what the terminal shows and writes only what a new frame changes: the cells that
 * differ, and a scroll where a block of rows moved. The first frame, and the first after a
 * resize (the terminal has reflowed its lines its own way), is painted whole, row by row; the
 * screen is never cleared, so the user's scrollback is never wiped. A frame that changes
 * nothing writes nothing. Each write is one synchronized update (`CSI ?2026h` … `l`).
 */
export class FrameWriter {
	private shown: Row[] | undefined;
	private size: Size | undefined;

	constructor(private readonly write: (bytes: string) => void) {}

	/** Draws Ink's `frame` (lines joined by "\n", SGR styles) on a terminal of `size`. */
	draw(frame: string, size: Size): void {
		const rows = this.rowsOf(frame, size);
		const whole = this.shown === undefined || !sameSize(this.size, size);
		const bytes = whole
			? hideCursor + paint(rows, size.columns)
			: update(this.shown!, rows, size.columns);
		this.shown = rows;
		this.size = size;
		if (bytes !== '') this.write(beginFrame + bytes + endFrame);
	}

	/** The terminal's content is no longer known (it was resized): the next frame paints it all. */
	invalidate(): void {
		this.shown = undefined;
	}

	private rowsOf(frame: string, size: Size): Row[] {
		const known = new Map<string, Cell[]>();
		if (this.shown && sameSize(this.size, size))
			for (const row of this.shown) known.set(row.line, row.cells);
		const lines = frame.split('\n');
		const rows: Row[] = [];
		for (let index = 0; index < size.rows; index++) {
			const line = lines[index] ?? '';
			rows.push({line, cells: known.get(line) ?? lineCells(line, size.columns)});
		}
		return rows;
	}
}

function sameSize(a: Size | undefined, b: Size): boolean {
	return a !== undefined && a.columns === b.columns && a.rows === b.rows;
}
