/**
 * Ink's frame builder (`Output#get` in ink/build/output.js), rebuilt to do per frame only the work
 * of the lines that changed. Ink fills a width × height grid of cell objects every frame, copies
 * each written character into it and turns every row back into a string: at 120×40 that is
 * about 5,000 objects and style diffs per frame, a third of the CPU of a `↓` in a 10,000-job
 * table. Here a row that one write fills on its own (every table row, most lines of a screen) is
 * made from a string remembered by its text and column; only rows where writes meet are built
 * cell by cell, the way Ink does. The output is byte for byte Ink's
 * (test/ui/render/ink-frame-builder.test.ts compares them on random writes and clips).
 * build/ink-output-cache.ts puts this in place of Ink's method in the bundle.
 */
import {styledCharsToString, type StyledChar} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';

type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type Transformer = (line: string, index: number) => string;
type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {type: 'clip'; clip: Clip}
	| {type: 'unclip'};

/** What this needs of Ink's `Output`: its size, the frame's operations and its caches. */
export type InkOutput = {
	width: number;
	height: number;
	operations: Operation[];
	caches: {
		getStyledChars(line: string): StyledChar[];
		getStringWidth(text: string): number;
		getWidestLine(text: string): number;
	};
};

/** One line of a write, where it lands. */
type Placement = {x: number; line: string};

const blank = (): StyledChar => ({type: 'char', value: ' ', fullWidth: false, styles: []});

/** The rows a frame's writes land on, each with its lines in the order they were written. */
function placeWrites(output: InkOutput): Array<Placement[] | undefined> {
	const rows = new Array<Placement[] | undefined>(output.height);
	const clips: Clip[] = [];
	for (const operation of output.operations) {
		if (operation.type === 'clip') clips.push(operation.clip);
		if (operation.type === 'unclip') clips.pop();
		if (operation.type !== 'write') continue;
		let {x, y} = operation;
		let lines = operation.text.split('\n');
		const clip = clips.at(-1);
		if (clip) {
			const horizontal = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
			const vertical = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
			if (horizontal) {
				const width = output.caches.getWidestLine(operation.text);
				if (x + width < clip.x1! || x > clip.x2!) continue;
			}
			if (vertical && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
			if (horizontal) {
				lines = lines.map((line) => {
					const from = x < clip.x1! ? clip.x1! - x : 0;
					const width = output.caches.getStringWidth(line);
					return slicedLine(line, from, x + width > clip.x2! ? clip.x2! - x : width);
				});
				if (x < clip.x1!) x = clip.x1!;
			}
			if (vertical) {
				const from = y < clip.y1! ? clip.y1! - y : 0;
				const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
				lines = lines.slice(from, to);
				if (y < clip.y1!) y = clip.y1!;
			}
		}
		// As Ink: a line off the grid is skipped without moving on a row.
		let row = y;
		for (const [index, text] of lines.entries()) {
			if (row < 0 || row >= output.height) continue;
			let line = text;
			for (const transform of operation.transformers) line = transform(line, index);
			(rows[row] ??= []).push({x, line});
			row++;
		}
	}
	return rows;
}

/** A line's characters as Ink places them: a wide one is followed by empty cells of its style. */
function placedCells(output: InkOutput, line: string): StyledChar[] {
	const cells: StyledChar[] = [];
	for (const character of output.caches.getStyledChars(line)) {
		cells.push(character);
		const width = Math.max(1, output.caches.getStringWidth(character.value));
		for (let index = 1; index < width; index++)
			cells.push({type: 'char', value: '', fullWidth: false, styles: character.styles});
	}
	return cells;
}

/** A row where writes meet (or one runs off the grid), built cell by cell as Ink does. */
function rowByCells(output: InkOutput, placements: Placement[]): string {
	const row: Array<StyledChar | undefined> = [];
	for (let x = 0; x < output.width; x++) row.push(blank());
	for (const {x, line} of placements)
		for (const [index, cell] of placedCells(output, line).entries()) row[x + index] = cell;
	return styledCharsToString(row.filter((cell) => cell !== undefined)).trimEnd();
}

/** Rows made from one line, by line and column; started over when large, so memory is bounded. */
const maxRemembered = 5000;
let remembered = new Map<string, string>();
let slices = new Map<string, string>();

/** `sliceAnsi`, remembered: a clipping box (the footer's) cuts the same lines every frame. */
function slicedLine(line: string, from: number, to: number): string {
	const key = `${from}\u0000${to}\u0000${line}`;
	let slice = slices.get(key);
	if (slice === undefined) {
		if (slices.size >= maxRemembered) slices = new Map();
		slice = sliceAnsi(line, from, to);
		slices.set(key, slice);
	}
	return slice;
}

/** A row that one line fills on its own, inside the grid: Ink's string, from a cache. */
function rowOfOneLine(output: InkOutput, {x, line}: Placement): string | undefined {
	const key = `${x}\u0000${output.width}\u0000${line}`;
	const known = remembered.get(key);
	if (known !== undefined) return known;
	const cells = placedCells(output, line);
	if (x < 0 || x + cells.length > output.width) return undefined;
	// Ink's blank cells around the line have no style: they add spaces and no codes.
	const row = (' '.repeat(x) + styledCharsToString(cells)).trimEnd();
	if (remembered.size >= maxRemembered) remembered = new Map();
	remembered.set(key, row);
	return row;
}

/** The frame: what Ink's `Output#get` returns for the same writes. */
export function buildInkFrame(output: InkOutput): {output: string; height: number} {
	const rows = placeWrites(output);
	const lines: string[] = [];
	for (let y = 0; y < output.height; y++) {
		const placements = rows[y];
		if (placements === undefined) lines.push('');
		else if (placements.length === 1)
			lines.push(rowOfOneLine(output, placements[0]!) ?? rowByCells(output, placements));
		else lines.push(rowByCells(output, placements));
	}
	return {output: lines.join('\n'), height: output.height};
}
