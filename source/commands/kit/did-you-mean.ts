import {UsageError} from './usage-error.js';

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function distance(a: string, b: string): number {
	const rows = Array.from({length: a.length + 1}, (_, i) => [
		i,
		...Array<number>(b.length).fill(0),
	]);
	for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
	for (let i = 1; i <= a.length; i++) {
		const row = rows[i] as number[];
		const above = rows[i - 1] as number[];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			row[j] = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				row[j] = Math.min(row[j] ?? 0, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
			}
		}
	}
	return (rows[a.length] as number[])[b.length] ?? 0;
}

/**
 * The known name `typed` most likely meant: the same name in another case, else the closest
 * within a third of its length (at least one edit), else one that starts with it.
 */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
	const lower = typed.toLowerCase();
	const sameCase = known.find((name) => name.toLowerCase() === lower);
	if (sameCase) return sameCase;
	let best: {name: string; edits: number} | undefined;
	for (const name of known) {
		const edits = distance(lower, name.toLowerCase());
		if (!best || edits < best.edits) best = {name, edits};
	}
	if (best && best.edits <= Math.max(1, Math.floor(typed.length / 3))) return best.name;
	return lower.length >= 2 ? known.find((name) => name.toLowerCase().startsWith(lower)) : undefined;
}

/**
 * `value` when it is one of `known` exactly; else a usage error that names what was typed and
 * suggests the likely one ("unknown biobank hus; did you mean HUS?") or lists them all.
 */
export function checkChoice(what: string, value: string, known: readonly string[]): string {
	if (known.includes(value)) return value;
	const guess = didYouMean(value, known);
	throw new UsageError(
		`unknown ${what} ${value}; ${guess ? `did you mean ${guess}?` : `one of ${known.join(', ')}.`}`,
		guess ? undefined : `Use one of ${known.join(', ')}.`,
	);
}
