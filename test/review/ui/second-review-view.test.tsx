import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {claimJob} from '../../../source/jobs/analyst/claim-job.js';
import {deliverJob} from '../../../source/jobs/analyst/deliver-job.js';
import {loadInboxJob} from '../../../source/jobs/analyst/load-inbox.js';
import {writeReviewPolicy} from '../../../source/jobs/analyst/review/review-policy.js';
import {loadReviewState} from '../../../source/jobs/analyst/review/review-state.js';
import type {Task} from '../../../source/protocol/task.js';
import {AnalystJobScreen} from '../../../source/ui/screens/analyst/job-screen.js';
import {bucket, caches, clockAt, localStore, seedJob} from '../../jobs/analyst/seed.js';
import {
	analystSession,
	frameWhen,
	keys,
	renderAnalyst,
	settle,
} from '../../ui/analyst/render-analyst.js';
import {pgscCalc, writeFiles} from '../fixtures.js';

const now = 1_800_000_000_000;
const files = {
	'aggregated_scores.txt.gz': pgscCalc.v1,
	'summary.tsv': pgscCalc.summary,
	'counts.tsv': pgscCalc.counts,
};

test('under a two-person policy another analyst sees the review waiting, sends it back with a reason, then approves the next one', async (t) => {
	const {store} = await localStore(t);
	await writeReviewPolicy(store, bucket, clockAt(now), {
		biobank: 'HUS',
		by: 'lvirtanen',
		rules: {secondReviewer: true},
	});
	const jobId = await seedJob(store, {
		seconds: 1_795_000_000,
		biobanks: ['HUS'],
		outputs: Object.keys(files),
	});
	await claimJob(store, bucket, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 0,
	});
	const root = await mkdtemp(join(tmpdir(), 'ivjm-second-review-'));
	t.teardown(() => rm(root, {recursive: true, force: true}));
	const first = join(root, 'first', jobId);
	const second = join(root, 'second');
	for (const folder of [first, join(second, jobId)]) {
		await mkdir(folder, {recursive: true});
		await writeFiles(folder, files);
	}
	const task = (await loadInboxJob(store, bucket, 'HUS', jobId, caches())).task as Task;
	const deliver = async () =>
		deliverJob(store, bucket, clockAt(now + 60_000), {
			task,
			biobank: 'HUS',
			analyst: 'lvirtanen',
			jobFolder: first,
			review: {justify: {'aggregated_scores.txt.gz': 'agreed with the HUS DAC'}},
			journalFolder: join(root, 'journals'),
		});
	t.is((await deliver()).state, 'awaiting-second-review');

	// The first reviewer cannot take the second review.
	const own = renderAnalyst(
		analystSession(store, 'lvirtanen'),
		<AnalystJobScreen biobank="HUS" jobId={jobId} navigate={() => undefined} isActive />,
		join(root, 'first'),
	);
	await frameWhen(own.lastFrame, (frame) =>
		frame.includes('Release review: awaiting second review'),
	);
	await settle();
	own.stdin.write('v');
	await frameWhen(own.lastFrame, (frame) =>
		frame.includes('flash: v: you reviewed it first: another analyst of HUS approves it'),
	);
	own.unmount();

	const screen = renderAnalyst(
		analystSession(store, 'kmakinen'),
		<AnalystJobScreen biobank="HUS" jobId={jobId} navigate={() => undefined} isActive />,
		second,
	);
	t.teardown(() => screen.unmount());
	let frame = await frameWhen(
		screen.lastFrame,
		(text) => text.includes('v to review it') && text.includes('Status at HUS'),
	);
	t.regex(
		frame,
		/^Release review: awaiting second review \(reviewed by lvirtanen, 3 files\) · v to review it$/mu,
	);
	await settle();
	screen.stdin.write('v');
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('[HUS0001]'), 10_000);
	t.regex(frame, /Second review of \d+-requester at HUS: reviewed by lvirtanen · HUS policy v1/u);
	t.regex(frame, /❯ \[release\] aggregated_scores\.txt\.gz .* 2 blocking · justified$/mu);
	t.regex(frame, /why it may leave: agreed with the HUS DAC/u);
	await settle();
	screen.stdin.write('b');
	await frameWhen(screen.lastFrame, (text) => text.includes('back to lvirtanen: why?'));
	await settle();
	screen.stdin.write('counts.tsv has a 3: hold it back');
	await settle();
	screen.stdin.write(keys.enter);
	await frameWhen(screen.lastFrame, (text) => text.includes('Sent back to lvirtanen'));
	const returned = await loadReviewState(store, bucket, jobId, 'HUS');
	t.like(returned, {
		state: 'returned',
		returned: {by: 'kmakinen', reason: 'counts.tsv has a 3: hold it back'},
	});
	await frameWhen(screen.lastFrame, (text) => text.includes('returned by kmakinen'));

	t.is((await deliver()).state, 'awaiting-second-review');
	await settle();
	screen.stdin.write('r');
	await frameWhen(screen.lastFrame, (text) => text.includes('v to review it'));
	await settle();
	screen.stdin.write('v');
	await frameWhen(screen.lastFrame, (text) => text.includes('Second review of'), 10_000);
	await settle();
	screen.stdin.write('a');
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('Proceed? y / n'));
	t.regex(
		frame.replaceAll(/[│\n ]+/gu, ' '),
		/Approve lvirtanen's review: these 3 files leave the host: aggregated_scores\.txt\.gz, summary\.tsv, counts\.tsv\./u,
	);
	await settle();
	screen.stdin.write('y');
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('Approved:'), 20_000);
	t.regex(
		frame.replaceAll('\n', ' '),
		/Approved: 3 files uploaded and verified, signed off by you both; \d+-requester is ready at HUS\./u,
	);
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('Release review: released'));
	t.regex(
		frame,
		/^Release review: released by kmakinen after review by lvirtanen; 3 files, 1 justified \(HUS policy v1\)$/mu,
	);
	t.like(await loadReviewState(store, bucket, jobId, 'HUS'), {
		state: 'signed-off',
		signOff: {releasedBy: 'kmakinen'},
	});
});
