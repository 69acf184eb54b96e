import {z} from 'zod';
import type {Problem} from '../../../protocol/problem.js';
import type {RulesStamp} from '../../../protocol/review-rules.js';
import {issuesToProblems} from '../../../protocol/zod-problems.js';
import {findingRules} from '../../../review/finding.js';

/**
 * The review's records in the bucket, as JSON. They name files, columns and counts of findings,
 * never a cell's value: a held-back file's content stays on the secure host.
 */

const stamp = z.object({
	biobank: z.string(),
	source: z.enum(['catalogue', 'policy']),
	version: z.number().int(),
	key: z.string().optional(),
	sha256: z.string().optional(),
}) satisfies z.ZodType<RulesStamp>;

const reviewedFinding = z.object({
	rule: z.enum(findingRules),
	severity: z.enum(['blocking', 'warning']),
	member: z.string().optional(),
	column: z.string().optional(),
	line: z.number().int().optional(),
	total: z.number().int().optional(),
	format: z.string().optional(),
});

export type ReviewedFinding = z.infer<typeof reviewedFinding>;

const reviewedFile = z.object({
	/** Relative to the job folder. */
	path: z.string().min(1),
	/** The result key it goes to. */
	key: z.string().min(1),
	declared: z.boolean(),
	bytes: z.number().int().min(0),
	sha256: z.string().regex(/^[\da-f]{64}$/u),
	verdict: z.enum(['release', 'hold']),
	justification: z.string().optional(),
	findings: z.array(reviewedFinding),
});

export type ReviewedFile = z.infer<typeof reviewedFile>;

const review = z.object({
	reviewer: z.string().min(1),
	at: z.string(),
	rules: stamp,
	files: z.array(reviewedFile).min(1),
});

export type Review = z.infer<typeof review>;

const requestSchema = z.object({
	format: z.literal('ivjm-release-review/1'),
	/** Tells two requests apart, even with the same files and time: a return names the one it returns. */
	id: z.string().min(1),
	jobId: z.string(),
	biobank: z.string(),
	review,
});

export type ReviewRequest = z.infer<typeof requestSchema>;

const returnSchema = z.object({
	format: z.literal('ivjm-review-returned/1'),
	jobId: z.string(),
	biobank: z.string(),
	by: z.string().min(1),
	at: z.string(),
	reason: z.string().min(1),
	/** Which request was returned: its reviewer, time and the SHA-256 of its text. */
	request: z.object({reviewer: z.string(), at: z.string(), sha256: z.string()}),
});

export type ReviewReturn = z.infer<typeof returnSchema>;

const signOffSchema = z.object({
	format: z.literal('ivjm-sign-off/1'),
	jobId: z.string(),
	biobank: z.string(),
	/** Who released it, when, and under which rules. */
	releasedBy: z.string().min(1),
	releasedAt: z.string(),
	rules: stamp,
	/** Everyone who reviewed: the first (who decided each verdict), and the second, if any. */
	reviewers: z
		.array(
			z.object({
				user: z.string().min(1),
				role: z.enum(['first', 'second']),
				at: z.string(),
				rules: stamp,
			}),
		)
		.min(1),
	files: z.array(reviewedFile).min(1),
});

export type SignOff = z.infer<typeof signOffSchema>;

export type RecordResult<T> = {ok: true; record: T} | {ok: false; problems: Problem[]};

function reader<T>(schema: z.ZodType<T>) {
	return (text: string): RecordResult<T> => {
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch (error) {
			return {
				ok: false,
				problems: [{path: '', message: `is not JSON: ${(error as Error).message}`}],
			};
		}
		const parsed = schema.safeParse(json, {reportInput: true});
		return parsed.success
			? {ok: true, record: parsed.data}
			: {ok: false, problems: issuesToProblems(parsed.error.issues)};
	};
}

export const readReviewRequest = reader(requestSchema);
export const readReviewReturn = reader(returnSchema);
export const readSignOff = reader(signOffSchema);

/** A record as it is written: JSON with 2-space indentation, checked against its schema first. */
export function recordText(record: ReviewRequest | ReviewReturn | SignOff): string {
	const schema =
		record.format === 'ivjm-release-review/1'
			? requestSchema
			: record.format === 'ivjm-review-returned/1'
				? returnSchema
				: signOffSchema;
	return `${JSON.stringify(schema.parse(record), null, 2)}\n`;
}
