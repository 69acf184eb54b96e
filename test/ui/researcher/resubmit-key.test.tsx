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

test('R on a declined job asks, then resubmits it to the biobank that declined and opens the new job', async (t) => {
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
	await frameMatching(lastFrame, new RegExp(`Resubmit ${jobId} to FIMM as a new job\\?`, 'u'));
	stdin.write('y');
	// The new job's page replaces the old one's: only FIMM, waiting.
	const opened = await frameMatching(lastFrame, /BMI GWAS \d+-jdoe[^]*○ FIMM +waiting/u);
	t.notRegex(opened, /HUS/u);
	const newId = /BMI GWAS (\d+-jdoe)/u.exec(opened)?.[1] ?? '';
	t.not(newId, jobId);
	const task = JSON.parse(
		await text((await store.get({container: bucket, key: taskKey(newId)})).body),
	) as {replaces?: string; biobanks?: string[]};
	t.is(task.replaces, jobId);
	t.deepEqual(task.biobanks, ['FIMM']);
});
