import {biobankPrefix} from '../../../protocol/keys.js';
import {assertName} from '../../../protocol/names.js';

/**
 * Where the release review keeps its objects. Both places are out of the deployed Python tools'
 * sight (test/integration/python-review-interop.test.ts runs their reads over them):
 * - `jobs/<user>/<jobid>/<biobank>/review/…`: inside the job's folder, which the requester tool
 *   only lists for job ids it already has, and outside `status/`, so no status sum changes;
 * - `<biobank>/policy/release-review.json`: not under `jobs/<user>/` (the requester tool takes a
 *   job from every such key) nor `<biobank>/requests/` (the analyst tool's inbox).
 */
export function reviewPrefix(jobId: string, biobank: string): string {
	return `${biobankPrefix(jobId, biobank)}review/`;
}

/** The first reviewer's review, waiting for a second analyst's approval. */
export function reviewRequestKey(jobId: string, biobank: string): string {
	return `${reviewPrefix(jobId, biobank)}request.json`;
}

/** A second reviewer's "not like this", with the reason. */
export function reviewReturnKey(jobId: string, biobank: string): string {
	return `${reviewPrefix(jobId, biobank)}returned.json`;
}

/** The record of what left the biobank, written before `status/ready`. */
export function signOffKey(jobId: string, biobank: string): string {
	return `${reviewPrefix(jobId, biobank)}sign-off.json`;
}

/** A biobank's own review rules, written by its analysts. */
export function policyKey(biobank: string): string {
	return `${assertName('biobank', biobank)}/policy/release-review.json`;
}
