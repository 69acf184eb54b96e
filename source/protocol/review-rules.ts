import {z} from 'zod';
import {checkName, hasControlCharacter} from './names.js';
import type {Problem} from './problem.js';
import {issuesToProblems} from './zod-problems.js';

/**
 * The rules of the release review, as data: the catalogue's defaults (`releaseReview` in
 * `catalogue.json`), then a biobank's own policy object in the bucket over them. Names are
 * matched case-insensitively and may hold `*` (any run of characters): `n_*`, `*_count`.
 */

/** A file format that holds one record per person: a genotype file, a sample list, a score file. */
export type FormatRule = {
	id: string;
	label: string;
	/** File (or archive member) names. A format with `magic` is known by its content alone. */
	names: string[];
	/** Bytes at an offset of the (decompressed) content: `6c1b` at 0 is a PLINK genotype file. */
	magic: Array<{offset: number; hex: string}>;
	/** A table whose header has every column of one of these sets is this format. */
	columns: string[][];
};

export type ReviewRules = {
	/** A count below this is flagged, zeros included. */
	threshold: number;
	/** A table with at least this many data rows is flagged: one row per person? */
	cohortRows: number;
	/** A second analyst of the biobank must approve before anything leaves. */
	secondReviewer: boolean;
	/** Who may approve as second reviewer; `null`: any analyst but the first reviewer. */
	reviewers: string[] | null;
	identifierColumns: string[];
	countColumns: string[];
	individualFormats: FormatRule[];
};

/** Which rules a review used: recorded in every review and sign-off. */
export type RulesStamp = {
	biobank: string;
	source: 'catalogue' | 'policy';
	version: number;
	/** The policy object's key and the SHA-256 of its bytes, when a policy was used. */
	key?: string;
	sha256?: string;
};

const pattern = z
	.string()
	.min(1)
	.max(100)
	.check((context) => {
		if (hasControlCharacter(context.value)) {
			context.issues.push({
				code: 'custom',
				message: 'must not hold control characters',
				input: context.value,
			});
		}
	});

const userName = z.string().check((context) => {
	const check = checkName('user', context.value);
	if (!check.ok) context.issues.push({code: 'custom', message: check.reason, input: context.value});
});

const formatRule = z
	.strictObject({
		id: z.string().regex(/^[\w.-]+$/u, {error: 'must be letters, digits, _, . or -'}),
		label: z.string().min(1).max(100),
		names: z.array(pattern).default([]),
		magic: z
			.array(
				z.strictObject({
					offset: z.number().int().min(0).max(4096),
					hex: z.string().regex(/^(?:[\da-f]{2}){1,64}$/iu, {error: 'must be 1 to 64 hex bytes'}),
				}),
			)
			.default([]),
		columns: z.array(z.array(pattern).min(1)).default([]),
	})
	.check((context) => {
		const {names, magic, columns} = context.value;
		if (names.length + magic.length + columns.length === 0) {
			context.issues.push({
				code: 'custom',
				message: 'needs names, magic or columns to be recognised by',
				input: context.value,
			});
		}
	});

const ruleFields = {
	threshold: z.number().int().min(1).max(1_000_000),
	cohortRows: z.number().int().min(1),
	secondReviewer: z.boolean(),
	reviewers: z.array(userName).min(1).nullable(),
	identifierColumns: z.array(pattern),
	countColumns: z.array(pattern),
	individualFormats: z.array(formatRule),
};

const overrides = z.strictObject({
	threshold: ruleFields.threshold.optional(),
	cohortRows: ruleFields.cohortRows.optional(),
	secondReviewer: ruleFields.secondReviewer.optional(),
	reviewers: ruleFields.reviewers.optional(),
	identifierColumns: ruleFields.identifierColumns.optional(),
	countColumns: ruleFields.countColumns.optional(),
	individualFormats: ruleFields.individualFormats.optional(),
	/** Added to the defaults instead of replacing them. */
	moreIdentifierColumns: z.array(pattern).optional(),
	moreCountColumns: z.array(pattern).optional(),
	moreIndividualFormats: z.array(formatRule).optional(),
});

export type RuleOverrides = z.infer<typeof overrides>;

/** The `releaseReview` section of the catalogue: the defaults and each biobank's own. */
export const catalogueReviewSchema = z.strictObject({
	$comment: z.string().optional(),
	version: z.number().int().min(1),
	threshold: ruleFields.threshold,
	cohortRows: ruleFields.cohortRows,
	secondReviewer: ruleFields.secondReviewer,
	reviewers: ruleFields.reviewers.default(null),
	identifierColumns: ruleFields.identifierColumns.min(1),
	countColumns: ruleFields.countColumns,
	individualFormats: ruleFields.individualFormats,
	biobanks: z.record(z.string(), overrides).default({}),
});

export type CatalogueReview = z.infer<typeof catalogueReviewSchema>;

/** A biobank's policy object, written by its analysts: a version and the rules it changes. */
const policySchema = z.strictObject({
	$comment: z.string().optional(),
	format: z.literal('ivjm-release-policy/1'),
	biobank: z.string(),
	version: z.number().int().min(1),
	updatedBy: z.string().optional(),
	updatedAt: z.string().optional(),
	rules: overrides,
});

export type ReviewPolicy = z.infer<typeof policySchema>;

export type PolicyResult = {ok: true; policy: ReviewPolicy} | {ok: false; problems: Problem[]};

/** Reads a policy object's text; every wrong field is named, and a policy of another biobank is refused. */
export function parseReviewPolicy(text: string, biobank: string): PolicyResult {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return {ok: false, problems: [{path: '', message: `is not JSON: ${(error as Error).message}`}]};
	}

	const parsed = policySchema.safeParse(json, {reportInput: true});
	if (!parsed.success) return {ok: false, problems: issuesToProblems(parsed.error.issues)};
	if (parsed.data.biobank !== biobank) {
		return {
			ok: false,
			problems: [{path: 'biobank', message: `is ${parsed.data.biobank}, not ${biobank}`}],
		};
	}

	return {ok: true, policy: parsed.data};
}

/** The text of a policy object as ivjm writes it. */
export function policyText(policy: ReviewPolicy): string {
	return `${JSON.stringify(policySchema.parse(policy), null, 2)}\n`;
}

/** The catalogue's rules for `biobank`: the defaults, then the catalogue's entry for that biobank. */
export function catalogueRules(review: CatalogueReview, biobank: string): ReviewRules {
	const base: ReviewRules = {
		threshold: review.threshold,
		cohortRows: review.cohortRows,
		secondReviewer: review.secondReviewer,
		reviewers: review.reviewers,
		identifierColumns: review.identifierColumns,
		countColumns: review.countColumns,
		individualFormats: review.individualFormats,
	};
	const own = review.biobanks[biobank];
	return own ? applyOverrides(base, own) : base;
}

/** `changes` over `rules`: a given field replaces, a `more…` list adds. */
export function applyOverrides(rules: ReviewRules, changes: RuleOverrides): ReviewRules {
	return {
		threshold: changes.threshold ?? rules.threshold,
		cohortRows: changes.cohortRows ?? rules.cohortRows,
		secondReviewer: changes.secondReviewer ?? rules.secondReviewer,
		reviewers: changes.reviewers === undefined ? rules.reviewers : changes.reviewers,
		identifierColumns: [
			...(changes.identifierColumns ?? rules.identifierColumns),
			...(changes.moreIdentifierColumns ?? []),
		],
		countColumns: [
			...(changes.countColumns ?? rules.countColumns),
			...(changes.moreCountColumns ?? []),
		],
		individualFormats: [
			...(changes.individualFormats ?? rules.individualFormats),
			...(changes.moreIndividualFormats ?? []),
		],
	};
}

/** "HUS policy v3" or "catalogue v1": how a person names the rules a review used. */
export function describeStamp(stamp: RulesStamp): string {
	return stamp.source === 'policy'
		? `${stamp.biobank} policy v${stamp.version}`
		: `catalogue rules v${stamp.version}`;
}
