import type {BiobankSignOff} from '../../../jobs/analyst/review/job-sign-offs.js';
import {summariseSignOff} from '../../../jobs/analyst/review/review-summary.js';
import {formatProblem} from '../../../protocol/problem.js';
import {displayText} from '../../../text/display-text.js';
import {Text} from '../../../text/screen-text.js';
import type {PagerLine} from '../../components/pager/pager.js';
import {tone} from '../../theme.js';

/**
 * Under a biobank of the researcher's job page, what its release review signed off ("released by
 * jdoe after review; 3 files, 1 justified"), or that the record cannot be read.
 */
export function signOffLines(
	signOffs: readonly BiobankSignOff[] | undefined,
	biobank: string,
): PagerLine[] {
	const entry = signOffs?.find((each) => each.biobank === biobank);
	if (!entry) return [];
	if ('problems' in entry) {
		const problems = entry.problems.map(formatProblem).join('; ');
		return [
			<Text color={tone('bad')}>
				{'      '}the sign-off cannot be read: {displayText(problems, 200)}
			</Text>,
		];
	}
	return [
		<Text color={tone('good')}>
			{'      '}
			{displayText(summariseSignOff(entry.signOff), 300)}
		</Text>,
	];
}
