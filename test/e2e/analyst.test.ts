import {readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import test from 'ava';
import {loadResearcherJobs} from '../../source/jobs/researcher/load-jobs.js';
import {loadJobDetail} from '../../source/jobs/researcher/load-job-detail.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import {resultKey} from '../../source/protocol/index.js';
import {testServers} from '../helpers/servers.js';
import {seedJob} from '../jobs/analyst/seed.js';
import {keystoneStore, swiftContainer} from '../jobs/analyst/swift.js';
import {Terminal} from './terminal.js';

const servers = testServers();
const requester = keystoneStore('requester');
test.after.always(async () => requester.store.close());

const megabyte = 1024 * 1024;

test.serial(
	'an analyst signs in through Keystone, picks HUS, reads a job, claims and downloads it, delivers two outputs; the researcher sees ready',
	async (t) => {
		t.timeout(300_000);
		// The requester submits through ivjm's use cases: a 50 MB input, two declared outputs.
		const bucket = await swiftContainer(t, 'analyst-e2e', requester);
		const data = Buffer.alloc(50 * megabyte, 'INTERVENE ');
		const jobId = await seedJob(
			requester.store,
			{
				seconds: Math.floor(Date.now() / 1000) - 600,
				name: 'e2e analyst task',
				biobanks: ['HUS', 'FIMM'],
				inputs: {'genotypes.bed': data},
				instructions: 'Run: singularity exec tool.sif score genotypes.bed > result.txt\n',
				outputs: ['result.txt', 'summary.tsv'],
			},
			bucket,
		);

		const terminal = await Terminal.open({
			columns: 100,
			rows: 30,
			env: {OS_AUTH_URL: servers.keystoneUrl, IVJM_KEYRING: 'none'},
		});
		t.teardown(() => terminal.close());
		await terminal.startIvjm(['--bucket', bucket]);
		await terminal.waitFor('Sign in with your CSC user name and password', 60_000);
		await terminal.type('analyst');
		await terminal.press('Tab');
		await terminal.type('analystpass');
		await terminal.press('Enter');
		await terminal.waitFor('Who are you today?', 30_000);
		await terminal.press('Down');
		await terminal.press('Enter');
		const picker = await terminal.waitFor(/❯ HUS/u);
		t.regex(picker, /Which biobank do you work for\?/u);
		await terminal.press('Enter');

		const inbox = await terminal.waitFor('e2e analyst task', 30_000);
		t.regex(inbox, /HUS · 1 of 1 jobs · 1 new · all/u);
		t.regex(inbox, /❯ \d+-requester\s+e2e analyst task\s+other\s+10m\s+52\.4 MB ○ waiting/u);
		await terminal.press('Enter');

		const view = await terminal.waitFor('What it must return', 30_000);
		t.regex(view, /Status at HUS: ○ waiting/u);
		t.regex(view, /genotypes\.bed\s+52\.4 MB {2}uploaded/u);
		t.regex(view, /\.\/result\.txt\s+→ results\/result\.txt/u);
		t.regex(view, /\.\/summary\.tsv\s+→ results\/summary\.tsv/u);
		await terminal.type('i');
		const instructions = await terminal.waitFor('shown as text, never run');
		t.regex(instructions, /Run: singularity exec tool\.sif score genotypes\.bed > result\.txt/u);
		await terminal.press('Escape');
		await terminal.waitFor('What it must return');

		await terminal.type('c');
		const question = await terminal.waitFor('Proceed? y / n');
		t.regex(
			question.replaceAll(/[│\n ]+/gu, ' '),
			/Claim \d+-requester for HUS as analyst, and download 2 files \(52\.4 MB\)/u,
		);
		await terminal.type('y');
		const claimed = await terminal.waitFor(/Claimed\. 2 files \(52\.4 MB\) verified in/u, 120_000);
		t.regex(claimed, /Run\s+the job there, then u delivers\./u);
		await terminal.waitFor(/Status at HUS: ◐ processing · claimed by you since/u);

		const jobFolder = join(terminal.home, 'intervene', 'work', jobId);
		t.is((await stat(join(jobFolder, 'genotypes.bed'))).size, data.length);
		t.true((await readFile(join(jobFolder, 'genotypes.bed'))).equals(data));
		await writeFile(join(jobFolder, 'result.txt'), 'score 0.42\n');
		await writeFile(join(jobFolder, 'summary.tsv'), 'id\tscore\nA\t0.42\n');

		await terminal.type('u');
		const checklist = await terminal.waitFor('Declared outputs');
		t.regex(checklist, /✔ result\.txt\s+11 B/u);
		t.regex(checklist, /✔ summary\.tsv\s+16 B/u);
		t.regex(checklist, /u scans the 2 files and opens their release review;/u);
		await terminal.type('u');
		// The release review: nothing flagged in either file, both released; confirm what leaves.
		const review = await terminal.waitFor('flagged cells in [brackets]', 60_000);
		t.regex(review, /\[release\] result\.txt\s+11 B\s+nothing found/u);
		await terminal.type('u');
		const leaving = await terminal.waitFor('Proceed? y / n');
		t.regex(
			leaving.replaceAll(/[│\n ]+/gu, ' '),
			/These 2 files leave the host: result\.txt, summary\.tsv\./u,
		);
		await terminal.type('y');
		const delivered = await terminal.waitFor('Delivered 2 files, each verified', 60_000);
		t.regex(delivered, new RegExp(`${jobId} is ready at HUS`, 'u'));
		await terminal.waitFor(/Status at HUS: ✔ ready · delivered by you at/u);
		await terminal.press('q');
		await terminal.waitForPrompt();

		// The researcher's side: the job is ready at HUS, still waiting at FIMM, with HUS's results.
		const jobs = await loadResearcherJobs(requester.store, bucket, 'requester', new TaskCache());
		const job = jobs.jobs.find((candidate) => candidate.row.jobId === jobId);
		t.deepEqual(
			job?.status.biobanks.map((state) => [state.biobank, state.status]),
			[
				['HUS', 'ready'],
				['FIMM', 'waiting'],
			],
		);
		t.deepEqual(job?.status.biobanks[0]?.cell?.resultCount, 2);
		// The table keeps counts; the job's page lists the files.
		const detail = await loadJobDetail(requester.store, bucket, jobId, new TaskCache());
		t.deepEqual(
			detail.status.biobanks[0]?.cell?.results.map((result) => [result.key, result.bytes]),
			[
				[resultKey(jobId, 'HUS', 'result.txt'), 11],
				[resultKey(jobId, 'HUS', 'summary.tsv'), 16],
			],
		);
	},
);
