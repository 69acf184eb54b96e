/**
 * The lower-case text a `/` filter searches in one row, made once per row object: a filter key
 * then costs one `includes` per row instead of joining and lower-casing every row again (at
 * 10,000 jobs that was most of a filter key's time). Rows are replaced, never changed, when a
 * refresh brings new data, so a row object's text never goes stale; the WeakMap lets old rows go.
 */
export function searchableTextOf<Row extends object>(
	parts: (row: Row) => ReadonlyArray<string | undefined>,
): (row: Row) => string {
	const made = new WeakMap<Row, string>();
	return (row) => {
		let text = made.get(row);
		if (text === undefined) {
			text = parts(row).join(' ').toLowerCase();
			made.set(row, text);
		}
		return text;
	};
}

/** The words of a typed filter: lower case, split on white space. */
export function filterWords(text: string): string[] {
	return text.toLowerCase().split(/\s+/u).filter(Boolean);
}
