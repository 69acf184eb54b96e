import test from 'ava';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {text} from 'node:stream/consumers';
import {render} from 'ink-testing-library';
import {App} from '../../../source/app.js';
import {giveUpJob} from '../../../source/jobs/analyst/give-up-job.js';
import {clockAt} from '../../jobs/analyst/seed.js';
import {prepareSubmit, submitJob} from '../../../source/jobs/researcher/submit-job.js';
import {builtInCatalogue, findAnalysisType} from '../../../source/protocol/catalogue.js';
import {taskKey} from '../../../source/protocol/keys.js';
import {createLocalStore} from '../../../source/storage/local/local-store.js';
import {uploadFile} from '../../../source/transfer/upload-file.js';
import {frameMatching, testSession} from '../render-with-session.js';

test('R on a declined job opens the form filled from it; edited and submitted, it is a resubmission to the biobank that declined', async (t) => {
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-resubmit-key-'));
	t.teardown(() => rm(folder, {recursive: true, force: true}));
	const bucket = 'project_2004504-intervene-tasks';
	const store = createLocalStore({root: join(folder, 'store')});
	await store.createContainer(bucket);
	await writeFile(join(folder, 'container.sif'), 'a container');
	await writeFile(join(folder, 'README.txt'), 'Run it.\n');
	const prepared = prepareSubmit(
		{
			user: 'jdoe',
			name: 'BMI GWAS',
			requestor: 'jdoe@example.org',
			biobanks: ['HUS', 'FIMM'],
			analysis: findAnalysisType(builtInCatalogue, 'other')!,
			inputFiles: [{path: join(folder, 'container.sif'), name: 'container.sif'}],
			instructionsFile: {path: join(folder, 'README.txt'), name: 'README.txt'},
			outputs: ['result.txt'],
			requirements: [],
			resources: {cpuCores: 1, ramGb: 2, diskGb: 20, timeHours: 1, preemptible: false},
		},
		bucket,
		clockAt(1_795_000_000_000),
	);
	const jobId = await submitJob(
		{
			store,
			bucket,
			clock: clockAt(1_795_000_000_000),
			pendingFolder: join(folder, 'pending'),
			upload: async (s, ref, path, options) =>
				uploadFile(s, ref, path, {...options, journalFolder: join(folder, 'journals')}),
		},
		prepared,
	);
	await giveUpJob(store, bucket, clockAt(1_795_000_100_000), {
		jobId,
		biobank: 'FIMM',
		analyst: 'fimm-analyst',
		marker: 'declined',
		reason: 'Please ask for 8 GB.',
	});
	const {lastFrame, stdin, unmount} = render(
		<App
			session={testSession(store, bucket, 'jdoe')}
			initialScreens={[{name: 'role'}, {name: 'researcher'}, {name: 'researcher-job', jobId}]}
		/>,
	);
	t.teardown(unmount);
	await frameMatching(lastFrame, /declined at[^]*R resubmit/u);
	stdin.write('R');
	// The form, filled from the old job: every step is there, each answer editable.
	const first = await frameMatching(lastFrame, /Resubmitting \d+-jdoe · step 1 of 10 · Task name/u);
	t.regex(first, /BMI GWAS/u);
	const enter = async (pattern: RegExp) => {
		stdin.write('\r');
		return frameMatching(lastFrame, pattern);
	};
	stdin.write(' 8 GB');
	await frameMatching(lastFrame, /BMI GWAS 8 GB/u);
	t.regex(await enter(/step 2 of 10/u), /jdoe@example\.org/u);
	const biobanks = await enter(/step 3 of 10/u);
	t.regex(biobanks, /\[x\] FIMM/u, 'the biobank that declined is chosen');
	t.regex(biobanks, /\[ \] HUS/u);
	t.regex(await enter(/step 4 of 10/u), /❯ other/u, 'the old analysis type is under the cursor');
	const inputs = await enter(/step 5 of 10/u);
	t.regex(inputs, /container\.sif +11 B in the store: copied, not uploaded/u);
	t.regex(await enter(/step 6 of 10/u), /README\.txt/u);
	t.regex(await enter(/step 7 of 10/u), /result\.txt/u);
	await enter(/step 8 of 10/u);
	await enter(/step 9 of 10/u);
	// RAM: the second field.
	stdin.write('\t');
	await new Promise((resolve) => setTimeout(resolve, 50));
	stdin.write('\u0015');
	stdin.write('8');
	const review = await enter(/step 10 of 10 · Review/u);
	t.regex(review, /BMI GWAS 8 GB → FIMM/u);
	t.regex(review, /8 GB RAM/u);
	stdin.write('\r');
	await frameMatching(lastFrame, /Submitted\. [^]*enter: open the job/u);
	stdin.write('\r');
	// The new job's page replaces the form: only FIMM, waiting.
	const opened = await frameMatching(lastFrame, /BMI GWAS 8 GB \d+-jdoe[^]*○ FIMM +waiting/u);
	const newId = /BMI GWAS 8 GB (\d+-jdoe)/u.exec(opened)?.[1] ?? '';
	t.not(newId, jobId);
	const task = JSON.parse(
		await text((await store.get({container: bucket, key: taskKey(newId)})).body),
	) as {replaces?: string; biobanks?: string[]; resources?: {ramGb?: number}; name?: string};
	t.is(task.replaces, jobId);
	t.deepEqual(task.biobanks, ['FIMM']);
	t.is(task.resources?.ramGb, 8);
	t.is(task.name, 'BMI GWAS 8 GB');
	const copied = await store.get({
		container: bucket,
		key: `jobs/jdoe/${newId}/input/container.sif`,
	});
	t.is(await text(copied.body), 'a container');
});
