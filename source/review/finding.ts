/**
 * What the scan found in a file about to leave the biobank. A blocking finding stops the release
 * of its file until the analyst holds the file back or writes why it may leave anyway; a warning
 * is shown and recorded, and stops nothing.
 */
export type Severity = 'blocking' | 'warning';

export type FindingRule =
	/** A column whose name identifies people: IID, sample_id, eid… (blocking). */
	| 'identifier-column'
	/** A format that holds one record per person: PLINK, BGEN, VCF, BAM, pgsc_calc scores (blocking). */
	| 'individual-format'
	/** Not among the job's declared outputs (blocking). */
	| 'undeclared-file'
	/** Content the scan could not read: a broken archive, an archive inside an archive (blocking). */
	| 'unreadable'
	/** Cells of a count column below the biobank's threshold, zeros included (warning). */
	| 'small-count'
	/** As many rows (or columns) as a cohort would have: one per person? (warning). */
	| 'cohort-sized-table'
	/** A binary file the scan cannot look into, such as an image or a PDF (warning). */
	| 'not-scanned';

export const severityOf: Record<FindingRule, Severity> = {
	'identifier-column': 'blocking',
	'individual-format': 'blocking',
	'undeclared-file': 'blocking',
	unreadable: 'blocking',
	'small-count': 'warning',
	'cohort-sized-table': 'warning',
	'not-scanned': 'warning',
};

/** Every rule, for the schemas of the records and documents that name one. */
export const findingRules = Object.keys(severityOf) as [FindingRule, ...FindingRule[]];

/** One cell, by its 1-based line in the (decompressed) text and its 0-based column. */
export type FlaggedCell = {line: number; column: number; value: string};

export type Finding = {
	rule: FindingRule;
	severity: Severity;
	/** The file, relative to the job folder. */
	file: string;
	/** The member of an archive (`score/aggregated_scores.txt.gz` inside a zip), when it is one. */
	member?: string;
	/** The column, 0-based, with its name as the header gives it. */
	column?: {index: number; name: string};
	/** Where it shows, 1-based in the (decompressed) text: the header line, or the first cell. */
	line?: number;
	/** The first flagged cells of the column (at most `maxCellsKept`), for the preview. */
	cells?: FlaggedCell[];
	/** How many cells (small counts), rows or columns (cohort-sized tables) in all. */
	total?: number;
	/** For small counts: the threshold they are below. */
	below?: number;
	/** For a table as big as a cohort: whether its rows or its columns are. */
	axis?: 'rows' | 'columns';
	/** The format, and what gave it away. */
	format?: {id: string; label: string; by: 'name' | 'magic' | 'columns'};
	/** Why content could not be read, or what kind of binary it is. */
	detail?: string;
};

/** Cells kept per column: enough to mark every flagged cell of the preview's first rows. */
export const maxCellsKept = 50;

export function isBlocking(finding: Finding): boolean {
	return finding.severity === 'blocking';
}
