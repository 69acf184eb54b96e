import {createHash} from 'node:crypto';
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {buffer, text} from 'node:stream/consumers';
import test, {type ExecutionContext} from 'ava';
import {claimJob} from '../../source/jobs/analyst/claim-job.js';
import {deliverJob} from '../../source/jobs/analyst/deliver-job.js';
import {loadInboxJob} from '../../source/jobs/analyst/load-inbox.js';
import {isoTime} from '../../source/jobs/clock.js';
import {approveRelease} from '../../source/jobs/analyst/review/approve-release.js';
import {
	InvalidPolicy,
	NotAReviewer,
	ReleaseRefused,
	ReviewConflict,
	ReviewedFilesChanged,
	SameReviewer,
} from '../../source/jobs/analyst/review/review-errors.js';
import {reviewJobOutputs} from '../../source/jobs/analyst/review/review-job.js';
import {loadReviewHints} from '../../source/jobs/analyst/review/review-hints.js';
import {policyKey} from '../../source/jobs/analyst/review/review-keys.js';
import {writeReviewPolicy} from '../../source/jobs/analyst/review/review-policy.js';
import {loadReviewState, loadSignOff} from '../../source/jobs/analyst/review/review-state.js';
import {summariseSignOff} from '../../source/jobs/analyst/review/review-summary.js';
import {returnRelease} from '../../source/jobs/analyst/review/return-release.js';
import {
	claimBody,
	markerKey,
	parseMarkerBody,
	resultKey,
	type Task,
} from '../../source/protocol/index.js';
import type {RuleOverrides} from '../../source/protocol/review-rules.js';
import {caches, clockAt, seedJob} from '../jobs/analyst/seed.js';
import {keystoneStore, swiftContainer} from '../jobs/analyst/swift.js';
import {folder, pgscCalc, writeFiles} from './fixtures.js';

// Two analysts of HUS, each signed in to Keystone as themselves: `analyst` runs and delivers the
// job, `tester` is the second reviewer. The store is the real Swift behind Keystone.
const analyst = keystoneStore('analyst');
const tester = keystoneStore('tester');
test.after.always(async () => {
	await analyst.store.close();
	await tester.store.close();
});

const now = 1_800_000_000_000;
const outputs = ['aggregated_scores.txt.gz', 'summary.tsv', 'counts.tsv'];
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A job at HUS claimed by `analyst`, its pgsc_calc-shaped outputs in the job folder. */
async function claimedJob(t: ExecutionContext, label: string, policy?: RuleOverrides) {
	const container = await swiftContainer(t, label, analyst);
	const jobId = await seedJob(
		analyst.store,
		{seconds: 1_795_000_000, biobanks: ['HUS'], outputs},
		container,
	);
	await claimJob(analyst.store, container, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'analyst',
		settleMs: 0,
	});
	if (policy) {
		await writeReviewPolicy(analyst.store, container, clockAt(now), {
			biobank: 'HUS',
			by: 'analyst',
			rules: policy,
		});
	}
	const job = await loadInboxJob(analyst.store, container, 'HUS', jobId, caches());
	const jobFolder = await folder(t);
	await writeFiles(jobFolder, {
		'aggregated_scores.txt.gz': pgscCalc.v1,
		'summary.tsv': pgscCalc.summary,
		'counts.tsv': pgscCalc.counts,
	});
	const task = job.task as Task;
	const deliver = (review: Parameters<typeof deliverJob>[3]['review'] = {}) =>
		deliverJob(analyst.store, container, clockAt(now + 60_000), {
			task,
			biobank: 'HUS',
			analyst: 'analyst',
			jobFolder,
			review,
			journalFolder: join(jobFolder, '..', `${label}-journals`),
		});
	const keysUnder = async (part: string) => {
		const keys = [];
		for await (const entry of analyst.store.list(container, {
			prefix: `jobs/requester/${jobId}/HUS/${part}`,
		})) {
			if (entry.kind === 'object') keys.push(entry.key);
		}
		return keys;
	};
	return {container, jobId, task, jobFolder, deliver, keysUnder};
}

const justified = {
	'aggregated_scores.txt.gz': 'the requester is the data controller here; agreed with the HUS DAC',
};

test('on Swift, the per-individual score file is blocked, the 3 of the count table flagged, the summary passes', async (t) => {
	const {container, task, jobFolder} = await claimedJob(t, 'review-findings');
	const review = await reviewJobOutputs(analyst.store, container, {
		task,
		biobank: 'HUS',
		jobFolder,
	});
	t.deepEqual(review.rules.stamp, {biobank: 'HUS', source: 'catalogue', version: 1});
	t.deepEqual(review.state, {state: 'none'});
	t.deepEqual(
		review.scans.map((scan) => [
			scan.file,
			scan.findings.map(
				(finding) =>
					`${finding.severity} ${finding.rule} ${finding.column?.name ?? finding.format?.id}`,
			),
		]),
		[
			[
				'aggregated_scores.txt.gz',
				['blocking individual-format pgsc_calc-scores', 'blocking identifier-column IID'],
			],
			['summary.tsv', []],
			['counts.tsv', ['warning small-count cases']],
		],
	);
	t.like(review.scans[2]?.findings[0], {
		cells: [
			{line: 3, column: 1, value: '3'},
			{line: 4, column: 1, value: '0'},
		],
	});
});

test('on Swift, a release without a justification is refused and nothing is uploaded', async (t) => {
	const {deliver, keysUnder} = await claimedJob(t, 'review-refused');
	const refused = await t.throwsAsync(deliver(), {instanceOf: ReleaseRefused});
	t.deepEqual(refused?.unjustified, [
		{
			path: 'aggregated_scores.txt.gz',
			blocking: [
				'pgsc_calc per-individual scores (by its name): one record per person',
				'column 2 "IID" identifies people',
			],
		},
	]);
	t.deepEqual(await keysUnder('results/'), []);
	t.deepEqual(await keysUnder('review/'), []);
	t.deepEqual(await keysUnder('status/'), [
		`jobs/requester/${refused?.jobId}/HUS/status/processing`,
		`jobs/requester/${refused?.jobId}/HUS/status/submitted`,
	]);
});

test('on Swift, a justified release writes a sign-off whose SHA-256s are those of the uploaded objects, then ready', async (t) => {
	const {container, jobId, jobFolder, deliver, keysUnder} = await claimedJob(t, 'review-signed');
	const result = await deliver({justify: justified, hold: ['counts.tsv']});
	t.is(result.state, 'ready');
	t.deepEqual(
		result.files.map((file) => file.relative),
		['aggregated_scores.txt.gz', 'summary.tsv'],
	);
	t.deepEqual(await keysUnder('results/'), [
		resultKey(jobId, 'HUS', 'aggregated_scores.txt.gz'),
		resultKey(jobId, 'HUS', 'summary.tsv'),
	]);

	const read = await loadSignOff(analyst.store, container, jobId, 'HUS');
	if (!read?.ok) throw new Error('no sign-off');
	const signOff = read.record;
	t.like(signOff, {
		releasedBy: 'analyst',
		rules: {source: 'catalogue', version: 1},
		reviewers: [{user: 'analyst', role: 'first'}],
	});
	for (const file of signOff.files) {
		const local = await readFile(join(jobFolder, file.path));
		t.is(file.sha256, sha256(local), file.path);
		t.is(file.bytes, local.length, file.path);
		if (file.verdict === 'hold') continue;
		const stored = await analyst.store.get({container, key: file.key});
		t.is(
			sha256(await buffer(stored.body)),
			file.sha256,
			`${file.path}: the object is the reviewed file`,
		);
		t.is(stored.head.metadata['ivjm-sha256'], file.sha256);
	}
	t.deepEqual(
		signOff.files.map((file) => [file.path, file.verdict, file.justification]),
		[
			['aggregated_scores.txt.gz', 'release', justified['aggregated_scores.txt.gz']],
			['summary.tsv', 'release', undefined],
			['counts.tsv', 'hold', undefined],
		],
	);
	t.deepEqual(
		signOff.files[2]?.findings,
		[{rule: 'small-count', severity: 'warning', column: 'cases', line: 3, total: 2}],
		'no cell value is kept',
	);
	t.is(
		summariseSignOff(signOff),
		'released by analyst after review; 2 files, 1 justified, 1 held back (catalogue rules v1)',
	);

	const listed = new Map<string, string>();
	for await (const entry of analyst.store.list(container, {
		prefix: `jobs/requester/${jobId}/HUS/`,
	})) {
		if (entry.kind === 'object')
			listed.set(entry.key.split('/').slice(4).join('/'), entry.lastModified);
	}
	t.true(
		(listed.get('review/sign-off.json') ?? '9') <= (listed.get('status/ready') ?? ''),
		'the sign-off is written before ready',
	);
	const ready = await analyst.store.get({container, key: markerKey(jobId, 'HUS', 'ready')});
	t.is(await text(ready.body), claimBody('analyst', isoTime(now + 60_000)));
});

test('on Swift, under a two-person policy the first reviewer cannot approve, a return sends it back, another analyst releases it, and only then is ready written', async (t) => {
	t.timeout(120_000);
	const {container, jobId, jobFolder, deliver, keysUnder} = await claimedJob(
		t,
		'review-two-person',
		{secondReviewer: true},
	);
	const first = await deliver({justify: justified});
	t.is(first.state, 'awaiting-second-review');
	t.deepEqual(first.files, []);
	t.deepEqual(await keysUnder('results/'), [], 'nothing leaves before the second review');
	t.deepEqual(await keysUnder('review/'), [`jobs/requester/${jobId}/HUS/review/request.json`]);
	const hint = async () => (await loadReviewHints(tester.store, container, 'HUS', [jobId]))[jobId];
	t.is(await hint(), 'awaiting-second-review');
	const waiting = await loadReviewState(tester.store, container, jobId, 'HUS');
	t.like(waiting, {
		state: 'awaiting-second-review',
		request: {
			review: {reviewer: 'analyst', rules: {source: 'policy', version: 1, key: policyKey('HUS')}},
		},
	});

	const approve = (signedIn: typeof analyst, user: string) =>
		approveRelease(signedIn.store, container, clockAt(now + 120_000), {
			jobId,
			biobank: 'HUS',
			approver: user,
			jobFolder,
		});
	await t.throwsAsync(approve(analyst, 'analyst'), {
		instanceOf: SameReviewer,
		message: /another analyst of HUS must approve/u,
	});
	await t.throwsAsync(
		returnRelease(analyst.store, container, clockAt(now), {
			jobId,
			biobank: 'HUS',
			by: 'analyst',
			reason: 'fine',
		}),
		{instanceOf: SameReviewer},
	);

	await returnRelease(tester.store, container, clockAt(now + 90_000), {
		jobId,
		biobank: 'HUS',
		by: 'tester',
		reason: 'round the scores to 2 decimals first',
	});
	t.like(await loadReviewState(analyst.store, container, jobId, 'HUS'), {
		state: 'returned',
		returned: {by: 'tester', reason: 'round the scores to 2 decimals first'},
	});
	t.is(await hint(), 'returned');
	await t.throwsAsync(approve(tester, 'tester'), {
		instanceOf: ReviewConflict,
		message: /awaits no second review: it was returned by tester/u,
	});

	t.is(
		(await deliver({justify: justified})).state,
		'awaiting-second-review',
		'delivered again: a new review waits',
	);
	t.is(await hint(), 'awaiting-second-review');
	t.deepEqual(await keysUnder('results/'), []);
	t.false((await keysUnder('status/')).some((key) => key.endsWith('/ready')));

	const released = await approve(tester, 'tester');
	t.is(await hint(), 'signed-off');
	t.deepEqual(
		released.files.map((file) => file.relative),
		outputs,
	);
	t.deepEqual(
		released.signOff.reviewers.map((reviewer) => [
			reviewer.user,
			reviewer.role,
			reviewer.rules.source,
		]),
		[
			['analyst', 'first', 'policy'],
			['tester', 'second', 'policy'],
		],
	);
	for (const file of released.signOff.files) {
		const stored = await tester.store.get({container, key: file.key});
		t.is(sha256(await buffer(stored.body)), file.sha256, file.path);
	}
	const ready = await tester.store.get({container, key: markerKey(jobId, 'HUS', 'ready')});
	t.like(parseMarkerBody(await text(ready.body)), {by: 'tester'});
	t.is(
		summariseSignOff(released.signOff),
		'released by tester after review by analyst; 3 files, 1 justified (HUS policy v1)',
	);
	// The connection dropped between the sign-off and ready: the same approval again finishes it.
	await tester.store.delete({container, key: markerKey(jobId, 'HUS', 'ready')});
	const resumed = await approve(tester, 'tester');
	t.deepEqual(resumed.files, [], 'nothing is uploaded again');
	t.like(resumed.signOff, {releasedBy: 'tester'});
	t.true((await keysUnder('status/')).some((key) => key.endsWith('/ready')));
	await t.throwsAsync(approve(tester, 'tester'), {
		instanceOf: ReviewConflict,
		message: /already signed off/u,
	});
});

test('on Swift, an approval is refused when a file changed after the first review; nothing is uploaded', async (t) => {
	const {container, jobId, jobFolder, deliver, keysUnder} = await claimedJob(t, 'review-changed', {
		secondReviewer: true,
	});
	await deliver({justify: justified});
	await writeFile(
		join(jobFolder, 'summary.tsv'),
		`${pgscCalc.summary}PGS000020\t12\t0.1\t0.1\t0\t1\n`,
	);
	const refused = await t.throwsAsync(
		approveRelease(tester.store, container, clockAt(now), {
			jobId,
			biobank: 'HUS',
			approver: 'tester',
			jobFolder,
		}),
		{instanceOf: ReviewedFilesChanged},
	);
	t.deepEqual(refused?.changed, ['summary.tsv']);
	t.deepEqual(await keysUnder('results/'), []);
});

test('on Swift, a policy naming its reviewers refuses anyone else, and a broken policy stops every delivery', async (t) => {
	const {container, jobId, jobFolder, deliver, keysUnder} = await claimedJob(
		t,
		'review-reviewers',
		{secondReviewer: true, reviewers: ['analyst', 'tester2']},
	);
	await deliver({justify: justified});
	await t.throwsAsync(
		approveRelease(tester.store, container, clockAt(now), {
			jobId,
			biobank: 'HUS',
			approver: 'tester',
			jobFolder,
		}),
		{
			instanceOf: NotAReviewer,
			message: "HUS's policy does not name tester as a reviewer: " + `${jobId} was not approved.`,
		},
	);
	await analyst.store.put(
		{container, key: policyKey('HUS')},
		'{"format": "ivjm-release-policy/1", "biobank": "HUS", "version": 3, "rules": {"threshold": "five"}}',
	);
	await t.throwsAsync(deliver({justify: justified}), {
		instanceOf: InvalidPolicy,
		message: /rules\.threshold: must be a number/u,
	});
	t.deepEqual(await keysUnder('results/'), []);
});
