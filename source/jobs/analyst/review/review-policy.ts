import {createHash} from 'node:crypto';
import {text} from 'node:stream/consumers';
import {builtInCatalogue, type Catalogue} from '../../../protocol/catalogue.js';
import {
	applyOverrides,
	catalogueRules,
	parseReviewPolicy,
	policyText,
	type CatalogueReview,
	type ReviewPolicy,
	type ReviewRules,
	type RuleOverrides,
	type RulesStamp,
} from '../../../protocol/review-rules.js';
import {NotFound} from '../../../storage/errors/index.js';
import type {ObjectStore} from '../../../storage/store.js';
import {isoTime, type Clock} from '../../clock.js';
import {putSmallObject} from '../../small-object.js';
import {InvalidPolicy} from './review-errors.js';
import {policyKey} from './review-keys.js';

/** The rules a review applies, and the stamp its records carry. */
export type LoadedRules = {rules: ReviewRules; stamp: RulesStamp};

function catalogueReview(catalogue: Catalogue | undefined): CatalogueReview {
	const review = catalogue?.releaseReview ?? builtInCatalogue.releaseReview;
	if (!review) throw new Error('The built-in catalogue has no releaseReview section.');
	return review;
}

async function readPolicy(
	store: ObjectStore,
	bucket: string,
	biobank: string,
	signal?: AbortSignal,
): Promise<string | undefined> {
	try {
		return await text(
			(await store.get({container: bucket, key: policyKey(biobank)}, {signal})).body,
		);
	} catch (error) {
		if (error instanceof NotFound) return undefined;
		throw error;
	}
}

/**
 * The rules for `biobank`: the catalogue's, then the biobank's policy object over them. A policy
 * that cannot be read stops the review (`InvalidPolicy`): falling back to the defaults could
 * release what the biobank's stricter rules hold back.
 */
export async function loadReviewRules(
	store: ObjectStore,
	bucket: string,
	biobank: string,
	options: {catalogue?: Catalogue; signal?: AbortSignal} = {},
): Promise<LoadedRules> {
	const review = catalogueReview(options.catalogue);
	const base = catalogueRules(review, biobank);
	const body = await readPolicy(store, bucket, biobank, options.signal);
	if (body === undefined) {
		return {rules: base, stamp: {biobank, source: 'catalogue', version: review.version}};
	}
	const key = policyKey(biobank);
	const parsed = parseReviewPolicy(body, biobank);
	if (!parsed.ok) throw new InvalidPolicy(key, parsed.problems);
	return {
		rules: applyOverrides(base, parsed.policy.rules),
		stamp: {
			biobank,
			source: 'policy',
			version: parsed.policy.version,
			key,
			sha256: createHash('sha256').update(body).digest('hex'),
		},
	};
}

export type PolicyWrite = {
	biobank: string;
	/** The analyst writing it. */
	by: string;
	/** What the biobank changes from the catalogue's rules. */
	rules: RuleOverrides;
	comment?: string;
	signal?: AbortSignal;
};

/**
 * Writes the biobank's policy object with the next version (the one before it, plus one), so
 * every sign-off names the rules it was made under. Returns what was written.
 */
export async function writeReviewPolicy(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	write: PolicyWrite,
): Promise<{policy: ReviewPolicy; key: string}> {
	const before = await readPolicy(store, bucket, write.biobank, write.signal);
	const policy: ReviewPolicy = {
		format: 'ivjm-release-policy/1',
		biobank: write.biobank,
		version: previousVersion(before) + 1,
		updatedBy: write.by,
		updatedAt: isoTime(clock.now()),
		rules: write.rules,
		...(write.comment === undefined ? {} : {$comment: write.comment}),
	};
	const key = policyKey(write.biobank);
	await putSmallObject(store, bucket, key, policyText(policy), {signal: write.signal});
	return {policy, key};
}

/** The version of the object there now; a broken one still counts, so versions only grow. */
function previousVersion(body: string | undefined): number {
	if (body === undefined) return 0;
	try {
		const version = (JSON.parse(body) as {version?: unknown}).version;
		return typeof version === 'number' && Number.isInteger(version) && version > 0 ? version : 0;
	} catch {
		return 0;
	}
}
