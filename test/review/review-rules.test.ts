import {readFileSync} from 'node:fs';
import test from 'ava';
import {builtInCatalogue, parseCatalogue} from '../../source/protocol/catalogue.js';
import {formatProblem} from '../../source/protocol/problem.js';
import {
	applyOverrides,
	catalogueRules,
	describeStamp,
	parseReviewPolicy,
} from '../../source/protocol/review-rules.js';
import {createLineSplitter} from '../../source/review/line-splitter.js';
import {columnName, nameMatcher} from '../../source/review/name-pattern.js';
import {defaultRules} from './fixtures.js';

test('the catalogue ships the review defaults: threshold 5, one reviewer, the identifiers of the issue', (t) => {
	const rules = defaultRules();
	t.is(rules.threshold, 5);
	t.false(rules.secondReviewer);
	t.is(rules.reviewers, null);
	const identifier = nameMatcher(rules.identifierColumns);
	for (const name of ['IID', 'fid', 'sample_id', 'participant_id', 'eid', 'FinnGenID']) {
		t.true(identifier(name), name);
	}
	for (const name of ['PGS', 'SUM', 'score', 'chr', 'pos', 'rsid']) t.false(identifier(name), name);
	const count = nameMatcher(rules.countColumns);
	for (const name of ['n', 'N', 'count', 'cases', 'controls', 'N_cases', 'OBS_CT'])
		t.true(count(name), name);
	for (const name of ['beta', 'se', 'pvalue', 'nonsense']) t.false(count(name), name);
	t.deepEqual(
		rules.individualFormats.map((format) => format.id),
		['plink', 'bgen', 'vcf', 'bcf', 'bam', 'cram', 'sample-list', 'pgsc_calc-scores'],
	);
});

test('a name pattern knows only *: a dot is a dot', (t) => {
	const matches = nameMatcher(['*.vcf.gz', 'n_*']);
	t.true(matches('calls.VCF.GZ'));
	t.false(matches('calls_vcf_gz'));
	t.true(matches('N_eff'));
	t.false(matches('sn_x'));
	t.is(columnName(' "#IID" '), 'IID');
});

test("a biobank's policy replaces what it names and adds its more… lists; the rest stays the catalogue's", (t) => {
	const base = defaultRules();
	const rules = applyOverrides(base, {
		threshold: 10,
		secondReviewer: true,
		reviewers: ['analyst', 'tester'],
		moreIdentifierColumns: ['hus_id'],
		countColumns: ['n'],
	});
	t.is(rules.threshold, 10);
	t.true(rules.secondReviewer);
	t.deepEqual(rules.reviewers, ['analyst', 'tester']);
	t.deepEqual(rules.identifierColumns, [...base.identifierColumns, 'hus_id']);
	t.deepEqual(rules.countColumns, ['n']);
	t.deepEqual(rules.individualFormats, base.individualFormats);
});

test('a policy object is read with every wrong field named, and one of another biobank is refused', (t) => {
	const policy = {
		format: 'ivjm-release-policy/1',
		biobank: 'HUS',
		version: 2,
		rules: {threshold: 10},
	};
	t.like(parseReviewPolicy(JSON.stringify(policy), 'HUS'), {
		ok: true,
		policy: {version: 2, rules: {threshold: 10}},
	});
	const wrong = parseReviewPolicy(
		JSON.stringify({...policy, version: 0, rules: {threshold: '10', secondReviewr: true}}),
		'HUS',
	);
	t.false(wrong.ok);
	t.deepEqual(wrong.ok ? [] : wrong.problems.map(formatProblem), [
		'version: Too small: expected number to be >=1',
		'rules.threshold: must be a number, not the text "10"',
		'rules: Unrecognized key: "secondReviewr"',
	]);
	const other = parseReviewPolicy(JSON.stringify(policy), 'FIMM');
	t.deepEqual(other.ok ? [] : other.problems.map(formatProblem), ['biobank: is HUS, not FIMM']);
	t.like(parseReviewPolicy('{"format": ', 'HUS'), {ok: false});
});

test("the catalogue's own per-biobank rules apply under the policy, and name only its biobanks", (t) => {
	const shipped = JSON.parse(
		readFileSync(new URL('../../source/protocol/catalogue.json', import.meta.url), 'utf8'),
	) as {releaseReview: Record<string, unknown>} & Record<string, unknown>;
	const withHunt = parseCatalogue({
		...shipped,
		releaseReview: {...shipped.releaseReview, biobanks: {HUNT: {threshold: 10}}},
	});
	if (!withHunt.ok || !withHunt.catalogue.releaseReview) throw new Error('not parsed');
	t.is(catalogueRules(withHunt.catalogue.releaseReview, 'HUNT').threshold, 10);
	t.is(catalogueRules(withHunt.catalogue.releaseReview, 'HUS').threshold, 5);
	const typo = parseCatalogue({
		...shipped,
		releaseReview: {...shipped.releaseReview, biobanks: {HUNTT: {threshold: 10}}},
	});
	t.deepEqual(typo.ok ? [] : typo.problems.map(formatProblem), [
		'releaseReview.biobanks.HUNTT: is not a biobank of the catalogue',
	]);
	t.is(
		describeStamp({
			biobank: 'HUS',
			source: 'catalogue',
			version: builtInCatalogue.releaseReview?.version ?? 0,
		}),
		'catalogue rules v1',
	);
	t.is(describeStamp({biobank: 'HUS', source: 'policy', version: 3}), 'HUS policy v3');
});

test('lines are split across chunks, CRLF ends a line, and a line too long is handed on cut', (t) => {
	const lines: Array<[string, boolean]> = [];
	const splitter = createLineSplitter((text, cut) => {
		lines.push([text, cut]);
		return true;
	}, 8);
	splitter.push(Buffer.from('ab\r\ncd'));
	splitter.push(Buffer.from('ef\n0123456789abcdef\nlast'));
	splitter.end();
	t.deepEqual(lines, [
		['ab', false],
		['cdef', false],
		['01234567', true],
		['last', false],
	]);
});
