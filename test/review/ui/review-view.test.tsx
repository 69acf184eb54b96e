import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {claimJob} from '../../../source/jobs/analyst/claim-job.js';
import {loadSignOff} from '../../../source/jobs/analyst/review/review-state.js';
import {AnalystJobScreen} from '../../../source/ui/screens/analyst/job-screen.js';
import {bucket, clockAt, localStore, seedJob} from '../../jobs/analyst/seed.js';
import {
	analystSession,
	frameWhen,
	keys,
	renderAnalyst,
	settle,
} from '../../ui/analyst/render-analyst.js';
import {pgscCalc, writeFiles} from '../fixtures.js';

/** A job at HUS claimed by lvirtanen, its pgsc_calc-shaped outputs in the work folder. */
async function claimed(t: ExecutionContext) {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {
		seconds: 1_795_000_000,
		biobanks: ['HUS'],
		outputs: ['aggregated_scores.txt.gz', 'summary.tsv', 'counts.tsv'],
	});
	await claimJob(store, bucket, clockAt(1_800_000_000_000), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 0,
	});
	const work = await mkdtemp(join(tmpdir(), 'ivjm-review-work-'));
	t.teardown(() => rm(work, {recursive: true, force: true}));
	await mkdir(join(work, jobId));
	await writeFiles(join(work, jobId), {
		'aggregated_scores.txt.gz': pgscCalc.v1,
		'summary.tsv': pgscCalc.summary,
		'counts.tsv': pgscCalc.counts,
	});
	return {store, jobId, work};
}

const press = async (screen: {stdin: {write: (text: string) => void}}, text: string) => {
	await settle();
	screen.stdin.write(text);
};

test('the analyst reviews each file with its findings and preview, justifies the blocked one, holds one back, and confirms what leaves', async (t) => {
	const {store, jobId, work} = await claimed(t);
	const screen = renderAnalyst(
		analystSession(store),
		<AnalystJobScreen biobank="HUS" jobId={jobId} navigate={() => undefined} isActive />,
		work,
	);
	t.teardown(() => screen.unmount());
	await frameWhen(screen.lastFrame, (frame) => frame.includes('claimed by you'));
	await press(screen, 'u');
	await frameWhen(screen.lastFrame, (frame) => frame.includes('Declared outputs'));
	await press(screen, 'u');
	let frame = await frameWhen(screen.lastFrame, (text) => text.includes('[brackets]'), 10_000);
	t.regex(
		frame,
		/Release review of \d+-requester at HUS · catalogue rules v1 · counts below 5 flagged/u,
	);
	t.regex(frame, /❯ \[hold\] +aggregated_scores\.txt\.gz +\S+ \S+ +2 blocking$/mu);
	t.regex(frame, /^ {2}\[release\] summary\.tsv +\S+ \S+ +nothing found$/mu);
	t.regex(frame, /^ {2}\[release\] counts\.tsv +\S+ \S+ +1 warning$/mu);
	t.regex(frame, /✘ blocking: column 2 "IID" identifies people/u);
	// The preview of the score file: the IID column flagged on every row.
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('[HUS0001]'));
	t.regex(
		frame,
		/^ +1 sampleset \[IID\] +PGS000018_hmPOS_GRCh38_… +PGS000018_hmPOS_GRCh38_… DENOM$/mu,
	);
	t.regex(frame, /^ +2 hus +\[HUS0001\] /mu);

	await press(screen, `${keys.down}${keys.down}`);
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('[3]'));
	t.regex(frame, /! warning: 2 counts in column 2 "cases" below 5/u);
	t.regex(frame, /^ +3 2 +\[3\] +245 +248/mu, 'the 3 is flagged in the preview');
	t.regex(frame, /^ +4 3 +\[0\] +248 +248/mu);
	await press(screen, ' ');
	await frameWhen(screen.lastFrame, (text) => /❯ \[hold\] +counts\.tsv/u.test(text));

	// u with the score file still held: only the summary would leave; back out with n.
	await press(screen, `${keys.up}${keys.up}`);
	await frameWhen(screen.lastFrame, (text) => /❯ \[hold\] +aggregated/u.test(text));
	await press(screen, ' ');
	frame = await frameWhen(screen.lastFrame, (text) =>
		text.includes('despite its blocking findings?'),
	);
	t.regex(frame, /Why may aggregated_scores\.txt\.gz leave HUS/u);
	await press(screen, 'the requester is the data controller; HUS DAC 2026-14');
	await press(screen, keys.enter);
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('· justified'));
	t.regex(frame, /❯ \[release\] aggregated_scores\.txt\.gz .* 2 blocking · justified$/mu);
	t.regex(frame, /why it may leave: the requester is the data controller; HUS DAC 2026-14/u);

	await press(screen, 'u');
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('Proceed? y / n'));
	t.regex(
		frame.replaceAll(/[│\n ]+/gu, ' '),
		/These 2 files leave the host: aggregated_scores\.txt\.gz \(justified\), summary\.tsv\. Held back on the host: counts\.tsv\./u,
	);
	await press(screen, 'y');
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('is ready at HUS'), 20_000);
	t.regex(frame, /Delivered 2 files, each verified, 1 held back; signed off/u);
	const signOff = await loadSignOff(store, bucket, jobId, 'HUS');
	t.true(signOff?.ok);
	if (!signOff?.ok) return;
	t.deepEqual(
		signOff.record.files.map((file) => [file.path, file.verdict, file.justification ?? null]),
		[
			[
				'aggregated_scores.txt.gz',
				'release',
				'the requester is the data controller; HUS DAC 2026-14',
			],
			['summary.tsv', 'release', null],
			['counts.tsv', 'hold', null],
		],
	);
});
