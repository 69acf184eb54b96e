import type {BiobankSignOff} from '../jobs/analyst/review/job-sign-offs.js';
import type {LoadedRules} from '../jobs/analyst/review/review-policy.js';
import {signOffFigures, summariseSignOff} from '../jobs/analyst/review/review-summary.js';
import {formatProblem} from '../protocol/problem.js';
import {describeFinding} from '../review/describe-finding.js';
import type {Finding} from '../review/finding.js';
import type {z} from 'zod';
import type {findingShape, rulesShape, signOffShape} from './review-json-shapes.js';
import {utcTime} from './kit/utc-time.js';

/** One finding in the words of the JSON documents: where it is, never a cell's value. */
export function findingJson(finding: Finding): z.infer<typeof findingShape> {
	return {
		rule: finding.rule,
		severity: finding.severity,
		member: finding.member ?? null,
		column: finding.column?.name ?? null,
		line: finding.line ?? null,
		total: finding.total ?? null,
		text: describeFinding(finding),
	};
}

export function rulesJson(loaded: LoadedRules): z.infer<typeof rulesShape> {
	return {
		biobank: loaded.stamp.biobank,
		source: loaded.stamp.source,
		version: loaded.stamp.version,
		threshold: loaded.rules.threshold,
		secondReviewer: loaded.rules.secondReviewer,
	};
}

/** A biobank's sign-off for `ivjm show --json`: its figures and line, or why it cannot be read. */
export function signOffJson(
	entry: BiobankSignOff | undefined,
): z.infer<typeof signOffShape> | null {
	if (!entry) return null;
	if ('problems' in entry) return {problems: entry.problems.map(formatProblem)};
	const figures = signOffFigures(entry.signOff);
	const first = entry.signOff.reviewers.find((reviewer) => reviewer.role === 'first')?.user;
	return {
		releasedBy: figures.releasedBy,
		firstReviewer: figures.secondReviewer === undefined ? null : (first ?? null),
		at: utcTime(entry.signOff.releasedAt) ?? entry.signOff.releasedAt,
		released: figures.released,
		justified: figures.justified,
		held: figures.held,
		rules: figures.rules,
		summary: summariseSignOff(entry.signOff),
	};
}
