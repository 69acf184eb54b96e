import {join} from 'node:path';
import test from 'ava';
import {claimJob} from '../../../source/jobs/analyst/claim-job.js';
import {deliverJob} from '../../../source/jobs/analyst/deliver-job.js';
import {loadInboxJob} from '../../../source/jobs/analyst/load-inbox.js';
import {signOffKey} from '../../../source/jobs/analyst/review/review-keys.js';
import type {Task} from '../../../source/protocol/task.js';
import {JobDetailScreen} from '../../../source/ui/screens/researcher/job-detail-screen.js';
import {terminalControls} from '../../text/hostile-strings.js';
import {bucket, caches, clockAt, localStore, seedJob} from '../../jobs/analyst/seed.js';
import {frameMatching, renderWithSession, testSession} from '../../ui/render-with-session.js';
import {folder, pgscCalc, writeFiles} from '../fixtures.js';

const now = 1_800_000_000_000;

/** A job at HUS and FIMM whose HUS analyst released two of its three files after review. */
async function releasedJob(t: Parameters<typeof localStore>[0]) {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {
		seconds: 1_795_000_000,
		biobanks: ['HUS', 'FIMM'],
		outputs: ['aggregated_scores.txt.gz', 'summary.tsv', 'counts.tsv'],
	});
	await claimJob(store, bucket, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 0,
	});
	const job = await loadInboxJob(store, bucket, 'HUS', jobId, caches());
	const jobFolder = await folder(t);
	await writeFiles(jobFolder, {
		'aggregated_scores.txt.gz': pgscCalc.v1,
		'summary.tsv': pgscCalc.summary,
		'counts.tsv': pgscCalc.counts,
	});
	await deliverJob(store, bucket, clockAt(now + 60_000), {
		task: job.task as Task,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		jobFolder,
		review: {
			hold: ['counts.tsv'],
			justify: {'aggregated_scores.txt.gz': 'agreed with the HUS DAC'},
		},
		journalFolder: join(jobFolder, '..', 'journals'),
	});
	return {store, jobId};
}

test("the researcher's job page says who released the results after review, per biobank", async (t) => {
	const {store, jobId} = await releasedJob(t);
	const {lastFrame, unmount} = renderWithSession(
		testSession(store, bucket, 'requester'),
		<JobDetailScreen jobId={jobId} navigate={() => undefined} isActive />,
	);
	t.teardown(unmount);
	const frame = await frameMatching(lastFrame, /released by/u);
	const lines = frame.split('\n');
	const hus = lines.findIndex((line) => /✔ HUS\s+ready/u.test(line));
	const fimm = lines.findIndex((line) => /FIMM\s+waiting/u.test(line));
	const signOff = lines.findIndex((line) => line.includes('released by'));
	t.true(hus >= 0 && fimm >= 0, frame);
	t.is(
		lines[signOff]?.trim(),
		'released by lvirtanen after review; 2 files, 1 justified, 1 held back (catalogue rules v1)',
	);
	t.true(signOff > hus, 'under the biobank it belongs to');
	t.is(lines.filter((line) => line.includes('released by')).length, 1, 'FIMM has none');
});

test('a sign-off that cannot be read says so, safely, instead of a summary', async (t) => {
	const {store, jobId} = await releasedJob(t);
	await store.put(
		{container: bucket, key: signOffKey(jobId, 'HUS')},
		'{"format": "ivjm-sign-off/1", "releasedBy": "\u001B[2Jmallory"}',
	);
	const {lastFrame, unmount} = renderWithSession(
		testSession(store, bucket, 'requester'),
		<JobDetailScreen jobId={jobId} navigate={() => undefined} isActive />,
	);
	t.teardown(unmount);
	const frame = await frameMatching(lastFrame, /sign-off cannot be read/u);
	t.regex(frame, /^ {6}the sign-off cannot be read: \S/mu);
	t.false(frame.includes('released by'));
	t.deepEqual(terminalControls(frame), []);
});
