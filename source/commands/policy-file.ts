import {readFile} from 'node:fs/promises';
import {formatProblem} from '../protocol/problem.js';
import {parseReviewPolicy, type RuleOverrides} from '../protocol/review-rules.js';
import {UsageError} from './kit/usage-error.js';

/**
 * The rules a biobank's analyst wrote in FILE for `ivjm policy --file`: either only the rules
 * that change (`{"threshold": 10, "secondReviewer": true}`) or a whole policy object as the
 * bucket holds it (its `rules` and `$comment` are taken; version and author are ivjm's to set).
 * Checked as the policy it will become, so a file with a mistake never stops the releases.
 */
export async function policyFromFile(
	path: string,
	biobank: string,
): Promise<{rules: RuleOverrides; comment?: string}> {
	const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
		throw new UsageError(`--file ${path} cannot be read: ${error.code ?? error.message}.`);
	});
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`--file ${path} is not JSON: ${(error as Error).message}.`);
	}
	const whole = typeof json === 'object' && json !== null && 'format' in json;
	const given = json as {rules?: unknown; $comment?: unknown};
	const candidate = {
		format: 'ivjm-release-policy/1',
		biobank,
		version: 1,
		updatedBy: 'check',
		updatedAt: new Date(0).toISOString(),
		rules: whole ? given.rules : json,
		...(whole && given.$comment !== undefined ? {$comment: given.$comment} : {}),
	};
	const checked = parseReviewPolicy(JSON.stringify(candidate), biobank);
	if (!checked.ok) {
		throw new UsageError(
			`--file ${path} is not a release-review policy for ${biobank}: ${checked.problems.map(formatProblem).join('; ')}. Nothing was written.`,
		);
	}
	const comment = checked.policy.$comment;
	return {rules: checked.policy.rules, ...(comment === undefined ? {} : {comment})};
}
