import {z} from 'zod';

import {document} from './json-document.js';
import {findingRules} from '../review/finding.js';

const time = z.iso.datetime();

/** The `--json` documents of the release review's commands (beside json-shapes.ts, which lists them). */

/** One finding of the scan: where, never a cell's value (those stay on the host). */
export const findingShape = z.strictObject({
	rule: z.enum(findingRules),
	severity: z.enum(['blocking', 'warning']),
	/** The member of a zip archive, when the finding is in one. */
	member: z.string().nullable(),
	column: z.string().nullable(),
	/** 1-based, in the decompressed text. */
	line: z.number().nullable(),
	/** Cells (small counts), rows or columns (cohort-sized tables) in all. */
	total: z.number().nullable(),
	/** The finding in words, as `ivjm review` prints it. */
	text: z.string(),
});

/** The rules a review applies: the catalogue's, or a biobank's policy object. */
export const rulesShape = z.strictObject({
	biobank: z.string(),
	source: z.enum(['catalogue', 'policy']),
	version: z.number(),
	threshold: z.number(),
	secondReviewer: z.boolean(),
});

export const reviewDocument = document({
	id: z.string(),
	biobank: z.string(),
	rules: rulesShape,
	/** Where an earlier review stands. */
	state: z.enum(['none', 'awaiting-second-review', 'returned', 'signed-off']),
	/** That state in words ("returned by kmakinen: …"). */
	stateText: z.string(),
	/** Declared outputs not in the job folder: a delivery refuses until they are. */
	missing: z.array(z.string()),
	files: z.array(
		z.strictObject({
			path: z.string(),
			declared: z.boolean(),
			bytes: z.number(),
			sha256: z.string(),
			findings: z.array(findingShape),
		}),
	),
});

/** A biobank's sign-off as `ivjm show` gives it (null where none was written). */
export const signOffShape = z.union([
	z.strictObject({
		releasedBy: z.string(),
		/** The first reviewer, when a second one approved (then `releasedBy`). */
		firstReviewer: z.string().nullable(),
		at: time,
		released: z.number(),
		justified: z.number(),
		held: z.number(),
		rules: z.string(),
		/** "released by … after review; 3 files, 1 justified". */
		summary: z.string(),
	}),
	/** A sign-off that cannot be read: what is wrong with it. */
	z.strictObject({problems: z.array(z.string())}),
]);

export const approveDocument = document({
	id: z.string(),
	biobank: z.string(),
	status: z.literal('ready'),
	/** The first reviewer, whose review was approved. */
	reviewer: z.string(),
	by: z.string(),
	/** The object of the sign-off. */
	review: z.string(),
	files: z.array(
		z.strictObject({path: z.string(), object: z.string(), bytes: z.number(), sha256: z.string()}),
	),
});

export const returnDocument = document({
	id: z.string(),
	biobank: z.string(),
	/** The first reviewer, who reads the reason. */
	reviewer: z.string(),
	by: z.string(),
	reason: z.string(),
	/** The object of the return. */
	review: z.string(),
});

export const policyDocument = document({
	biobank: z.string(),
	/** --file: the policy object was written (the rules below are those now in force). */
	written: z.boolean(),
	/** The policy object, when the biobank has one. */
	object: z.string().nullable(),
	rules: rulesShape.extend({
		cohortRows: z.number(),
		/** Who may approve as second reviewer; null: any analyst of the biobank but the first. */
		reviewers: z.array(z.string()).nullable(),
		identifierColumns: z.array(z.string()),
		countColumns: z.array(z.string()),
		/** The per-person formats, by id. */
		individualFormats: z.array(z.string()),
	}),
});
