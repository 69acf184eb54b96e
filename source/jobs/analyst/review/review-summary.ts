import {describeStamp} from '../../../protocol/review-rules.js';
import {shorten, terminalSafe} from '../../../text/terminal-safe.js';
import type {SignOff} from './review-records.js';
import type {ReviewState} from './review-state.js';

const safe = (text: string, max = 60) => terminalSafe(shorten(text, max));
const files = (count: number) => `${count} ${count === 1 ? 'file' : 'files'}`;

/** The figures of a sign-off, for a table cell or a JSON document. */
export type SignOffFigures = {
	releasedBy: string;
	secondReviewer?: string;
	released: number;
	justified: number;
	held: number;
	rules: string;
};

export function signOffFigures(signOff: SignOff): SignOffFigures {
	const released = signOff.files.filter((file) => file.verdict === 'release');
	const second = signOff.reviewers.find((reviewer) => reviewer.role === 'second');
	return {
		releasedBy: signOff.releasedBy,
		...(second ? {secondReviewer: second.user} : {}),
		released: released.length,
		justified: released.filter((file) => file.justification !== undefined).length,
		held: signOff.files.length - released.length,
		rules: describeStamp(signOff.rules),
	};
}

/**
 * One line for the researcher's job page and `ivjm show`, safe for a terminal:
 * "released by jdoe after review by kmakinen; 3 files, 1 justified, 1 held back (HUS policy v2)".
 */
export function summariseSignOff(signOff: SignOff): string {
	const figures = signOffFigures(signOff);
	const first = signOff.reviewers.find((reviewer) => reviewer.role === 'first')?.user;
	const by =
		figures.secondReviewer === undefined
			? `released by ${safe(figures.releasedBy)} after review`
			: `released by ${safe(figures.releasedBy)} after review by ${safe(first ?? '?')}`;
	const parts = [files(figures.released)];
	if (figures.justified > 0) parts.push(`${figures.justified} justified`);
	if (figures.held > 0) parts.push(`${figures.held} held back`);
	return `${by}; ${parts.join(', ')} (${safe(figures.rules)})`;
}

/** Where a review stands, in a few words for the analyst's inbox and job page. */
export function describeReviewState(state: ReviewState): string {
	switch (state.state) {
		case 'none': {
			return 'not reviewed';
		}
		case 'awaiting-second-review': {
			const review = state.request.review;
			return `awaiting second review (reviewed by ${safe(review.reviewer)}, ${files(review.files.length)})`;
		}
		case 'returned': {
			return `returned by ${safe(state.returned.by)}: ${safe(state.returned.reason, 200)}`;
		}
		case 'signed-off': {
			return summariseSignOff(state.signOff);
		}
	}
}
