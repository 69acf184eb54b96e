import {copyFile, mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {deliverDocument, errorDocument, showDocument} from '../../source/commands/json-shapes.js';
import {
	approveDocument,
	returnDocument,
	reviewDocument,
} from '../../source/commands/review-json-shapes.js';
import {writeReviewPolicy} from '../../source/jobs/analyst/review/review-policy.js';
import {cliHome, keystoneEnvironment, parsedJson} from '../helpers/run-cli.js';
import {testServers} from '../helpers/servers.js';
import {clockAt, seedJob} from '../jobs/analyst/seed.js';
import {keystoneStore, swiftContainer} from '../jobs/analyst/swift.js';
import {pgscCalc, writeFiles} from './fixtures.js';

const servers = testServers();
const requesterStore = keystoneStore('requester');
test.after.always(async () => requesterStore.store.close());

const outputs = ['aggregated_scores.txt.gz', 'summary.tsv', 'counts.tsv'];
const justification =
	'aggregated_scores.txt.gz=the requester is the data controller; HUS DAC 2026-14';

/**
 * A pgsc_calc-shaped job at HUS on the real Swift, and the built program as three people run it
 * from scripts, each with a home of their own, signing in to Keystone from OS_PASSWORD: the
 * requester, `analyst` (who claims and delivers) and `tester` (a second analyst of HUS).
 */
async function setup(t: ExecutionContext, label: string) {
	const bucket = await swiftContainer(t, label, requesterStore);
	const jobId = await seedJob(
		requesterStore.store,
		{seconds: 1_795_000_000, biobanks: ['HUS'], outputs},
		bucket,
	);
	const person = async (user: 'requester' | 'analyst' | 'tester') => {
		const {home, ivjm} = await cliHome(t, `${label}-${user}`);
		const work = join(home, 'work');
		const run = async (...args: string[]) =>
			ivjm([...args, '--store', 'swift', '--bucket', bucket], {
				env: keystoneEnvironment(servers.keystoneUrl, user),
			});
		return {work, run};
	};
	const analyst = await person('analyst');
	const claimed = await analyst.run('claim', jobId, '--biobank', 'HUS', '--dir', analyst.work);
	t.is(claimed.code, 0, claimed.stderr);
	await writeFiles(join(analyst.work, jobId), {
		'aggregated_scores.txt.gz': pgscCalc.v1,
		'summary.tsv': pgscCalc.summary,
		'counts.tsv': pgscCalc.counts,
	});
	const resultKeys = async () => {
		const keys = [];
		for await (const entry of requesterStore.store.list(bucket, {
			prefix: `jobs/requester/${jobId}/HUS/results/`,
		})) {
			if (entry.kind === 'object') keys.push(entry.key);
		}
		return keys;
	};
	return {
		bucket,
		jobId,
		analyst,
		tester: await person('tester'),
		requester: await person('requester'),
		resultKeys,
	};
}

test('review prints the findings; deliver refuses (exit 5) until the blocked file is justified; show prints the sign-off', async (t) => {
	const {jobId, analyst, requester, resultKeys} = await setup(t, 'review-cmd');
	const at = ['--biobank', 'HUS', '--dir', analyst.work];

	const reviewed = await analyst.run('review', jobId, ...at, '--json');
	t.is(reviewed.code, 0, reviewed.stderr);
	const review = parsedJson(t, reviewed, reviewDocument);
	t.like(review, {
		id: jobId,
		rules: {biobank: 'HUS', source: 'catalogue', threshold: 5, secondReviewer: false},
		state: 'none',
		missing: [],
	});
	t.deepEqual(
		review.files.map((file) => [
			file.path,
			file.findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.column}`),
		]),
		[
			[
				'aggregated_scores.txt.gz',
				['blocking individual-format null', 'blocking identifier-column IID'],
			],
			['summary.tsv', []],
			['counts.tsv', ['warning small-count cases']],
		],
	);
	const counts = review.files[2]?.findings[0];
	t.like(counts, {line: 3, total: 2});
	t.false(reviewed.stdout.includes('"3"'), 'no cell value in the JSON: it stays on the host');

	const text = await analyst.run('review', jobId, ...at);
	t.is(text.code, 0, text.stderr);
	t.regex(
		text.stdout,
		/^aggregated_scores\.txt\.gz {2}\S+ \S+ {2}2 blocking: --justify or --hold$/mu,
	);
	t.regex(text.stdout, /^ {2}✘ blocking: column 2 "IID" identifies people$/mu);
	t.regex(text.stdout, /^ {2}! warning: 2 counts in column 2 "cases" below 5 \(line 3: "3"\)$/mu);
	t.regex(text.stdout, /^summary\.tsv {2}\S+ \S+ {2}nothing found$/mu);

	const refused = await analyst.run('deliver', jobId, ...at, '--json');
	t.is(refused.code, 5, refused.stderr);
	const error = parsedJson(t, refused, errorDocument).error;
	t.like(error, {code: 'conflict', kind: 'ReleaseRefused'});
	t.deepEqual(
		(error.details['unjustified'] as Array<{path: string}>).map((file) => file.path),
		['aggregated_scores.txt.gz'],
	);
	t.deepEqual(await resultKeys(), [], 'nothing was uploaded');

	const delivered = await analyst.run(
		'deliver',
		jobId,
		...at,
		'--justify',
		justification,
		'--hold',
		'counts.tsv',
		'--json',
	);
	t.is(delivered.code, 0, delivered.stderr);
	const result = parsedJson(t, delivered, deliverDocument);
	t.like(result, {status: 'ready', held: ['counts.tsv']});
	t.deepEqual(
		result.files.map((file) => file.path),
		['aggregated_scores.txt.gz', 'summary.tsv'],
	);

	const shown = parsedJson(t, await requester.run('show', jobId, '--json'), showDocument);
	t.like(shown.job.biobanks[0], {
		biobank: 'HUS',
		status: 'ready',
		signOff: {
			releasedBy: 'analyst',
			firstReviewer: null,
			released: 2,
			justified: 1,
			held: 1,
			rules: 'catalogue rules v1',
			summary:
				'released by analyst after review; 2 files, 1 justified, 1 held back (catalogue rules v1)',
		},
	});
	const piped = await requester.run('show', jobId);
	t.is(piped.code, 0, piped.stderr);
	t.regex(
		piped.stdout,
		/^HUS\tready\taggregated_scores\.txt\.gz, summary\.tsv\t\treleased by analyst after review; 2 files, 1 justified, 1 held back \(catalogue rules v1\)$/mu,
	);
});

test('under a two-person policy: the first reviewer cannot approve, another returns it, then approves the next review', async (t) => {
	const {bucket, jobId, analyst, tester, requester, resultKeys} = await setup(t, 'approve-cmd');
	await writeReviewPolicy(requesterStore.store, bucket, clockAt(1_800_000_000_000), {
		biobank: 'HUS',
		by: 'analyst',
		rules: {secondReviewer: true},
	});
	const at = ['--biobank', 'HUS', '--dir', analyst.work];
	const deliver = async () =>
		analyst.run('deliver', jobId, ...at, '--justify', justification, '--json');
	const first = await deliver();
	t.is(first.code, 0, first.stderr);
	t.like(parsedJson(t, first, deliverDocument), {status: 'awaiting-second-review', files: []});
	t.deepEqual(await resultKeys(), []);

	const own = await analyst.run('approve', jobId, ...at, '--json');
	t.is(own.code, 5);
	t.is(parsedJson(t, own, errorDocument).error.kind, 'SameReviewer');

	const returned = await tester.run(
		'return',
		jobId,
		'--biobank',
		'HUS',
		'--reason',
		'counts.tsv has a 3: hold it back',
		'--json',
	);
	t.is(returned.code, 0, returned.stderr);
	t.like(parsedJson(t, returned, returnDocument), {
		reviewer: 'analyst',
		by: 'tester',
		reason: 'counts.tsv has a 3: hold it back',
		review: `jobs/requester/${jobId}/HUS/review/returned.json`,
	});
	const again = await tester.run('approve', jobId, '--biobank', 'HUS', '--dir', tester.work);
	t.is(again.code, 5, 'a returned review cannot be approved');

	const second = await analyst.run(
		'deliver',
		jobId,
		...at,
		'--justify',
		justification,
		'--hold',
		'counts.tsv',
		'--json',
	);
	t.is(second.code, 0, second.stderr);
	t.is(parsedJson(t, second, deliverDocument).status, 'awaiting-second-review');
	const waiting = parsedJson(t, await requester.run('show', jobId, '--json'), showDocument);
	t.like(waiting.job.biobanks[0], {status: 'processing', signOff: null});

	// The second reviewer has the same files on their host (the same SHA-256s).
	const testerFolder = join(tester.work, jobId);
	await mkdir(testerFolder, {recursive: true});
	for (const name of outputs) {
		await copyFile(join(analyst.work, jobId, name), join(testerFolder, name));
	}
	const seen = await tester.run(
		'review',
		jobId,
		'--biobank',
		'HUS',
		'--dir',
		tester.work,
		'--json',
	);
	t.is(seen.code, 0, seen.stderr);
	t.like(parsedJson(t, seen, reviewDocument), {
		state: 'awaiting-second-review',
		rules: {source: 'policy', secondReviewer: true},
	});
	const approved = await tester.run(
		'approve',
		jobId,
		'--biobank',
		'HUS',
		'--dir',
		tester.work,
		'--json',
	);
	t.is(approved.code, 0, approved.stderr);
	const approval = parsedJson(t, approved, approveDocument);
	t.like(approval, {status: 'ready', reviewer: 'analyst', by: 'tester'});
	t.deepEqual(
		approval.files.map((file) => file.path),
		['aggregated_scores.txt.gz', 'summary.tsv'],
	);
	t.deepEqual((await resultKeys()).sort(), approval.files.map((file) => file.object).sort());
	const done = parsedJson(t, await requester.run('show', jobId, '--json'), showDocument);
	t.like(done.job.biobanks[0], {
		status: 'ready',
		signOff: {releasedBy: 'tester', firstReviewer: 'analyst', justified: 1, held: 1},
	});
});
