import type {FormatRule, ReviewRules} from '../protocol/review-rules.js';
import {nameMatcher, type NameMatcher} from './name-pattern.js';
import {cellNumber} from './split-fields.js';

type CompiledFormat = {
	rule: FormatRule;
	names: NameMatcher;
	magic: Array<{offset: number; bytes: Buffer}>;
	columns: NameMatcher[][];
};

/** The rules made ready to apply: each list of names one matcher, each magic bytes. */
export type CompiledRules = {
	rules: ReviewRules;
	identifier: NameMatcher;
	count: NameMatcher;
	formats: CompiledFormat[];
};

export function compileRules(rules: ReviewRules): CompiledRules {
	return {
		rules,
		identifier: nameMatcher(rules.identifierColumns),
		count: nameMatcher(rules.countColumns),
		formats: rules.individualFormats.map((rule) => ({
			rule,
			names: nameMatcher(rule.names),
			magic: rule.magic.map(({offset, hex}) => ({offset, bytes: Buffer.from(hex, 'hex')})),
			columns: rule.columns.map((set) => set.map((pattern) => nameMatcher([pattern]))),
		})),
	};
}

/** Bytes this far into a content are enough to tell every format by its magic. */
export const headBytes = 64 * 1024;

/** The format whose magic bytes `head` (the start of the decompressed content) holds. */
export function formatByMagic(compiled: CompiledRules, head: Buffer): FormatRule | undefined {
	return compiled.formats.find(
		(format) =>
			format.magic.length > 0 &&
			format.magic.some(
				({offset, bytes}) =>
					head.length >= offset + bytes.length &&
					head.subarray(offset, offset + bytes.length).equals(bytes),
			),
	)?.rule;
}

/**
 * The format a file name gives away. A format with magic bytes is known by its content alone: a
 * text `.bed` of genome regions is not a PLINK file.
 */
export function formatByName(compiled: CompiledRules, name: string): FormatRule | undefined {
	return compiled.formats.find((format) => format.magic.length === 0 && format.names(name))?.rule;
}

/** The format a table's header gives away: pgsc_calc's `sampleset PGS SUM`. */
export function formatByColumns(
	compiled: CompiledRules,
	columns: readonly string[],
): FormatRule | undefined {
	if (columns.length === 0) return undefined;
	return compiled.formats.find((format) =>
		format.columns.some((set) => set.every((matches) => columns.some((column) => matches(column)))),
	)?.rule;
}

/** A count below the threshold, zeros included; a cell that is not a number is not a count. */
export function isSmallCount(cell: string, threshold: number): boolean {
	const value = cellNumber(cell);
	return value !== undefined && value >= 0 && value < threshold;
}
