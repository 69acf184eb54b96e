import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import type {ExecutionContext} from 'ava';
import {builtInCatalogue} from '../../source/protocol/catalogue.js';
import {catalogueRules, type ReviewRules} from '../../source/protocol/review-rules.js';

/** The catalogue's rules for HUS, as a delivery there applies them with no policy object. */
export function defaultRules(changes: Partial<ReviewRules> = {}): ReviewRules {
	const review = builtInCatalogue.releaseReview;
	if (!review) throw new Error('the built-in catalogue has no releaseReview');
	return {...catalogueRules(review, 'HUS'), ...changes};
}

/** A fresh folder for one test's files, removed after it. */
export async function folder(t: ExecutionContext): Promise<string> {
	const path = await mkdtemp(join(tmpdir(), 'ivjm-review-'));
	t.teardown(() => rm(path, {recursive: true, force: true}));
	return path;
}

/** Writes `files` (name → bytes or text) into `dir`. */
export async function writeFiles(
	dir: string,
	files: Record<string, string | Buffer>,
): Promise<void> {
	for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body);
}

/**
 * pgsc_calc's per-individual score files, in the shapes its versions write: v1
 * `aggregated_scores.txt.gz` (space separated, one row per person, one column per score), v2
 * `<sampleset>_pgs.txt.gz` (tab separated, one row per person per score), v3 `scores.txt.gz`.
 */
export const pgscCalc = {
	v1: gzipSync(
		'sampleset IID PGS000018_hmPOS_GRCh38_SUM PGS000018_hmPOS_GRCh38_AVG DENOM\n' +
			'hus HUS0001 0.1204 0.0004 301\n' +
			'hus HUS0002 -0.0311 -0.0001 301\n' +
			'hus HUS0003 0.0587 0.0002 299\n',
	),
	v2: gzipSync(
		'sampleset\tFID\tIID\tPGS\tSUM\tDENOM\tAVG\n' +
			'hus\tF1\tHUS0001\tPGS000018_hmPOS_GRCh38\t0.1204\t301\t0.0004\n' +
			'hus\tF2\tHUS0002\tPGS000018_hmPOS_GRCh38\t-0.0311\t301\t-0.0001\n',
	),
	v3: gzipSync(
		'sampleset accession sample_id n_matched allele_count dosage_sum score score_avg\n' +
			'hus PGS000018 HUS0001 301 602 220 0.1204 0.0002\n',
	),
	/** An aggregate: one row per score, counts of people well above any threshold. */
	summary:
		'PGS\tn\tmean\tsd\tmin\tmax\n' +
		'PGS000018_hmPOS_GRCh38\t2481\t0.0121\t0.0411\t-0.1502\t0.1733\n' +
		'PGS000019_hmPOS_GRCh38\t2481\t0.0034\t0.0207\t-0.0821\t0.0911\n',
	/** Cases and controls by score decile: the 3 (and the 0) are below the threshold of 5. */
	counts:
		'decile\tcases\tcontrols\tN_total\n' +
		'1\t12\t236\t248\n' +
		'2\t3\t245\t248\n' +
		'3\t0\t248\t248\n' +
		'4\t17\t231\t248\n',
};
