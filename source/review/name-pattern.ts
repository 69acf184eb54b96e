/**
 * Names as the rules give them: case-insensitive, `*` for any run of characters, nothing else
 * special (a `.` or `+` in a rule is that character). One regular expression per list.
 */
export type NameMatcher = (name: string) => boolean;

export function nameMatcher(patterns: readonly string[]): NameMatcher {
	if (patterns.length === 0) return () => false;
	const alternatives = patterns.map((pattern) =>
		pattern
			.split('*')
			.map((part) => part.replaceAll(/[\\^$.|?+()[\]{}]/gu, '\\$&'))
			.join('.*'),
	);
	const expression = new RegExp(`^(?:${alternatives.join('|')})$`, 'iu');
	return (name) => expression.test(name);
}

/**
 * A header cell as a column name: spaces and quotes around it dropped, and the `#` that PLINK 2
 * and VCF put before the first column (`#FID`, `#IID`, `#CHROM`).
 */
export function columnName(cell: string): string {
	let name = cell.trim();
	if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1);
	return name.replace(/^#+/u, '').trim();
}

/** The last part of a path, for the name rules: `out/scores.txt.gz` → `scores.txt.gz`. */
export function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}
