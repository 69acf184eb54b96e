import stringWidth from 'string-width';

/**
 * One terminal cell: the grapheme drawn in it and the SGR parameters it is drawn with ("" is
 * the default look). A wide grapheme fills its cell and the next, which holds `continued`.
 */
export type Cell = {text: string; style: string; width: 1 | 2} | typeof continued;

/** The right half of a wide grapheme: never written by itself. */
export const continued = {text: '', style: '', width: 0} as const;

export const blank: Cell = {text: ' ', style: '', width: 1};

export function sameCell(a: Cell, b: Cell): boolean {
	return a.text === b.text && a.style === b.style && a.width === b.width;
}

/** A grapheme whose width terminals may disagree on: the cursor is placed again after it. */
export function mayDrift(cell: Cell): boolean {
	if (cell.width !== 1 || cell.text.length > 1) return cell.width !== 0;
	return (cell.text.codePointAt(0) ?? 0) > 0x2fff;
}

const segmenter = new Intl.Segmenter();
// eslint-disable-next-line no-control-regex -- the SGR sequences Ink writes, and nothing else
const sgr = /\u001B\[([\d;:]*)m/gu;
const printableAscii = /^[\u0020-\u007E]*$/u;

/**
 * The cells of one line of an Ink frame, `columns` wide: text is placed as a terminal places it
 * (string-width, as Ink lays it out), styles come from the SGR sequences, the rest is blank.
 * Control characters and any other escape sequence are dropped: they are never written.
 */
export function lineCells(line: string, columns: number): Cell[] {
	const cells: Cell[] = [];
	const look = new Look();
	let index = 0;
	const place = (text: string) => {
		if (text === '') return;
		const style = look.key();
		if (printableAscii.test(text)) {
			for (const character of text) cells.push({text: character, style, width: 1});
			return;
		}
		for (const {segment} of segmenter.segment(text)) {
			// eslint-disable-next-line no-control-regex -- controls take no cell: dropped
			const clean = segment.replaceAll(/[\u0000-\u001F\u007F-\u009F]/gu, '');
			const width = clean === '' ? 0 : stringWidth(clean);
			if (width === 0) continue;
			if (width >= 2) {
				cells.push({text: clean, style, width: 2}, continued);
			} else cells.push({text: clean, style, width: 1});
		}
	};
	for (const match of line.matchAll(sgr)) {
		place(withoutEscapes(line.slice(index, match.index)));
		look.apply(match[1] ?? '');
		index = match.index + match[0].length;
	}
	place(withoutEscapes(line.slice(index)));
	if (cells.length > columns) {
		cells.length = columns;
		// A wide grapheme cut in half by the edge is not drawn at all.
		if (cells.at(-1)?.width === 2) cells[columns - 1] = blank;
	}
	while (cells.length < columns) cells.push(blank);
	return cells;
}

// Other CSI sequences and OSC strings: never drawn.
const otherEscapes =
	// eslint-disable-next-line no-control-regex -- escape sequences are what is matched
	/\u001B(?:\[[\d;:?]*[\u0040-\u007E]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?)?/gu;

function withoutEscapes(text: string): string {
	return text.replaceAll(otherEscapes, '');
}

/** The look set by SGR sequences so far, as one canonical parameter string. */
class Look {
	private flags = new Set<number>();
	private foreground = '';
	private background = '';

	apply(parameters: string): void {
		const codes = parameters === '' ? [0] : parameters.split(/[;:]/u).map(Number);
		for (let at = 0; at < codes.length; at++) {
			const code = codes[at] ?? 0;
			if (code === 38 || code === 48) {
				const extended = codes[at + 1] === 5 ? 3 : codes[at + 1] === 2 ? 5 : 1;
				const colour = codes.slice(at, at + extended).join(';');
				if (code === 38) this.foreground = colour;
				else this.background = colour;
				at += extended - 1;
			} else if (code === 0) {
				this.flags.clear();
				this.foreground = '';
				this.background = '';
			} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
				this.foreground = String(code);
			} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
				this.background = String(code);
			} else if (code === 39) this.foreground = '';
			else if (code === 49) this.background = '';
			else if (code === 22) {
				this.flags.delete(1);
				this.flags.delete(2);
			} else if (code >= 23 && code <= 29) this.flags.delete(code - 20);
			else if (code === 55) this.flags.delete(53);
			else if ((code >= 1 && code <= 9) || code === 53) this.flags.add(code);
		}
	}

	key(): string {
		return [...[...this.flags].sort((a, b) => a - b).map(String), this.foreground, this.background]
			.filter(Boolean)
			.join(';');
	}
}
