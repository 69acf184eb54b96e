/**
 * Swift lists keys in the order of their UTF-8 bytes, which is code point order. JavaScript
 * compares UTF-16 code units, which agrees except where a surrogate (U+D800–DFFF, half of a
 * code point above U+FFFF) meets a unit of U+E000–FFFF: moving surrogates above those fixes it.
 */
function codePointRank(unit: number): number {
	if (unit < 0xd800) return unit;
	return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Negative, zero or positive as `a` sorts before, with or after `b` in a Swift listing. */
export function compareKeys(a: string, b: string): number {
	const length = Math.min(a.length, b.length);
	for (let index = 0; index < length; index++) {
		const x = a.charCodeAt(index);
		const y = b.charCodeAt(index);
		if (x !== y) return codePointRank(x) - codePointRank(y);
	}
	return a.length - b.length;
}

/** Swift's `prefix` and `marker` (exclusive) as one range of keys. */
export type KeyBounds = {prefix?: string; marker?: string};

export function inBounds(key: string, {prefix = '', marker}: KeyBounds): boolean {
	return key.startsWith(prefix) && (marker === undefined || compareKeys(key, marker) > 0);
}

/** Whether every key at or after `key` in listing order is past the range (the listing may stop). */
export function pastBounds(key: string, {prefix = ''}: KeyBounds): boolean {
	return !key.startsWith(prefix) && compareKeys(key, prefix) > 0;
}
