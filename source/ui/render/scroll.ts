import type {Row} from './frame-diff.js';

/**
 * A block of rows moved up (`shift` > 0) or down by `shift` rows, between `top` and `bottom`
 * (0-based, inclusive): what a scrolled table does. The terminal moves it itself with a scroll
 * region (DECSTBM and SU/SD), so only the rows that scroll in are written.
 */
export type Scroll = {top: number; bottom: number; shift: number};

/** Rows that move together before a scroll is worth its few bytes. */
const minimumRun = 3;

export function findScroll(previous: readonly Row[], next: readonly Row[]): Scroll | undefined {
	if (previous.length !== next.length) return undefined;
	const places = new Map<string, number[]>();
	previous.forEach((row, index) => {
		if (row.line.trim() === '') return;
		const list = places.get(row.line);
		if (list) list.push(index);
		else places.set(row.line, [index]);
	});
	const votes = new Map<number, number>();
	next.forEach((row, index) => {
		if (row.line === previous[index]?.line) return;
		for (const from of places.get(row.line) ?? []) {
			const shift = from - index;
			votes.set(shift, (votes.get(shift) ?? 0) + 1);
		}
	});
	let best: number | undefined;
	for (const [shift, count] of votes) {
		const bestCount = best === undefined ? 0 : (votes.get(best) ?? 0);
		if (count > bestCount || (count === bestCount && Math.abs(shift) < Math.abs(best ?? 0)))
			best = shift;
	}
	if (best === undefined || (votes.get(best) ?? 0) < minimumRun) return undefined;
	const shift = best;
	// The longest run of rows that this shift puts in place, and what it saves.
	let run: {from: number; to: number; saved: number} | undefined;
	let from = -1;
	let saved = 0;
	for (let index = 0; index <= next.length; index++) {
		const source = previous[index + shift];
		const fits = index < next.length && source !== undefined && source.line === next[index]!.line;
		if (fits) {
			if (from === -1) {
				from = index;
				saved = 0;
			}
			if (previous[index]!.line !== next[index]!.line) saved++;
			continue;
		}
		if (from !== -1 && (!run || saved > run.saved)) run = {from, to: index - 1, saved};
		from = -1;
	}
	if (!run || run.saved < minimumRun) return undefined;
	return shift > 0
		? {top: run.from, bottom: run.to + shift, shift}
		: {top: run.from + shift, bottom: run.to, shift};
}

/** `rows` as the terminal shows them after `scroll`: the rows scrolled in are `empty`. */
export function scrolled(rows: readonly Row[], {top, bottom, shift}: Scroll, empty: Row): Row[] {
	const result = [...rows];
	for (let index = top; index <= bottom; index++) {
		const source = index + shift;
		result[index] = source >= top && source <= bottom ? rows[source]! : empty;
	}
	return result;
}
