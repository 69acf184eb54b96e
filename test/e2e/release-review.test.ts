import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import test from 'ava';
import {claimJob} from '../../source/jobs/analyst/claim-job.js';
import {loadSignOff} from '../../source/jobs/analyst/review/review-state.js';
import {systemClock} from '../../source/jobs/clock.js';
import {testServers} from '../helpers/servers.js';
import {seedJob} from '../jobs/analyst/seed.js';
import {keystoneStore, swiftContainer} from '../jobs/analyst/swift.js';
import {pgscCalc, writeFiles} from '../review/fixtures.js';
import {Terminal} from './terminal.js';

const servers = testServers();
const requester = keystoneStore('requester');
const analyst = keystoneStore('analyst');
test.after.always(async () => {
	await requester.store.close();
	await analyst.store.close();
});

test.serial(
	'the built ivjm in tmux: an analyst reviews a pgsc_calc delivery, sees the flagged cells, justifies one file, holds one back, and delivers',
	async (t) => {
		t.timeout(300_000);
		const bucket = await swiftContainer(t, 'review-e2e', requester);
		const jobId = await seedJob(
			requester.store,
			{
				seconds: Math.floor(Date.now() / 1000) - 600,
				name: 'e2e review task',
				biobanks: ['HUS'],
				outputs: ['aggregated_scores.txt.gz', 'summary.tsv', 'counts.tsv'],
			},
			bucket,
		);
		await claimJob(analyst.store, bucket, systemClock, {
			jobId,
			biobank: 'HUS',
			analyst: 'analyst',
			settleMs: 0,
		});
		const terminal = await Terminal.open({
			columns: 100,
			rows: 32,
			env: {OS_AUTH_URL: servers.keystoneUrl, IVJM_KEYRING: 'none'},
		});
		t.teardown(() => terminal.close());
		const jobFolder = join(terminal.home, 'intervene', 'work', jobId);
		await mkdir(jobFolder, {recursive: true});
		await writeFiles(jobFolder, {
			'aggregated_scores.txt.gz': pgscCalc.v1,
			'summary.tsv': pgscCalc.summary,
			'counts.tsv': pgscCalc.counts,
		});

		await terminal.startIvjm(['--bucket', bucket]);
		await terminal.waitFor('Sign in with your CSC user name and password', 60_000);
		await terminal.type('analyst');
		await terminal.press('Tab');
		await terminal.type('analystpass');
		await terminal.press('Enter');
		await terminal.waitFor('Who are you today?', 30_000);
		await terminal.press('Down');
		await terminal.press('Enter');
		await terminal.waitFor(/❯ HUS/u);
		await terminal.press('Enter');
		await terminal.waitFor('e2e review task', 30_000);
		await terminal.press('Enter');
		await terminal.waitFor(/Status at HUS: ◐ processing · claimed by you/u, 30_000);

		await terminal.type('u');
		await terminal.waitFor('Declared outputs');
		await terminal.type('u');
		const review = await terminal.waitFor('[HUS0001]', 60_000);
		t.regex(review, /❯ \[hold\] +aggregated_scores\.txt\.gz +129 B +2 blocking/u);
		t.regex(review, /✘ blocking: column 2 "IID" identifies people/u);
		t.regex(review, /^ +1 sampleset \[IID\] /mu);
		t.regex(review, /^ +2 hus +\[HUS0001\] /mu);
		t.regex(review, /space release\/hold/u, 'the footer shows the review keys');

		await terminal.press('Down', 'Down');
		const counts = await terminal.waitFor('[3]');
		t.regex(counts, /^ +3 2 +\[3\] +245 +248$/mu, 'the flagged cell, visible in the capture');
		t.regex(counts, /! warning: 2 counts in column 2 "cases" below 5/u);
		await terminal.type(' ');
		await terminal.waitFor(/❯ \[hold\] +counts\.tsv/u);
		await terminal.press('Up', 'Up');
		await terminal.waitFor(/❯ \[hold\] +aggregated/u);
		await terminal.type(' ');
		await terminal.waitFor('despite its blocking findings?');
		await terminal.type('agreed with the HUS DAC, ref 2026-14');
		await terminal.press('Enter');
		await terminal.waitFor(/❯ \[release\] aggregated_scores\.txt\.gz .* · justified/u);
		await terminal.type('u');
		const leaving = await terminal.waitFor('Proceed? y / n');
		t.regex(
			leaving.replaceAll(/[│\n ]+/gu, ' '),
			/These 2 files leave the host: aggregated_scores\.txt\.gz \(justified\), summary\.tsv\. Held back on the host: counts\.tsv\./u,
		);
		await terminal.type('y');
		const delivered = await terminal.waitFor('Delivered 2 files, each verified', 60_000);
		t.regex(
			delivered.replaceAll('\n', ' '),
			/1 held back; signed off, \d+-requester is ready at HUS/u,
		);
		await terminal.waitFor(
			/Release review: released by analyst after review; 2 files, 1 justified/u,
		);
		await terminal.press('q');
		await terminal.waitForPrompt();

		const signOff = await loadSignOff(requester.store, bucket, jobId, 'HUS');
		t.like(signOff, {ok: true, record: {releasedBy: 'analyst'}});
	},
);
