import test from 'ava';
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {text} from 'node:stream/consumers';
import {giveUpJob} from '../../source/jobs/analyst/give-up-job.js';
import {prepareSubmit, submitJob} from '../../source/jobs/researcher/submit-job.js';
import {builtInCatalogue, findAnalysisType} from '../../source/protocol/catalogue.js';
import {taskKey} from '../../source/protocol/keys.js';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import {cliHome} from '../helpers/run-cli.js';
import {bucket, clockAt} from '../jobs/analyst/seed.js';

// `ivjm resubmit JOBID --task FILE` with the built program on a local store: the new job's
// answers from an edited task.json, its inputs copied from the old job; a file with a mistake
// exits 2 with the reason and sends nothing.
/** The resources of a task.json as written: an object, or the Python tools' one-item list. */
const resourcesOf = (task: {resources: unknown}) =>
	(Array.isArray(task.resources) ? task.resources[0] : task.resources) as Record<string, unknown>;

async function setup(t: Parameters<typeof cliHome>[0]) {
	const {home, ivjm: run} = await cliHome(t, 'resubmit-task');
	const root = join(home, 'store');
	const store = createLocalStore({root});
	await store.createContainer(bucket);
	await writeFile(join(home, 'container.sif'), 'a container');
	await writeFile(join(home, 'README.txt'), 'Run it.\n');
	const clock = clockAt(1_795_000_000_000);
	const prepared = prepareSubmit(
		{
			user: 'jdoe',
			name: 'BMI GWAS',
			requestor: 'jdoe@example.org',
			biobanks: ['HUS', 'FIMM'],
			analysis: findAnalysisType(builtInCatalogue, 'other')!,
			inputFiles: [{path: join(home, 'container.sif'), name: 'container.sif'}],
			instructionsFile: {path: join(home, 'README.txt'), name: 'README.txt'},
			outputs: ['result.txt'],
			requirements: [],
			resources: {cpuCores: 1, ramGb: 2, diskGb: 20, timeHours: 1, preemptible: false},
		},
		bucket,
		clock,
	);
	const jobId = await submitJob(
		{
			store,
			bucket,
			clock,
			pendingFolder: join(home, 'pending'),
			upload: async (s, ref, path, options) =>
				uploadFile(s, ref, path, {...options, journalFolder: join(home, 'journals')}),
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
	const oldTask = await text((await store.get({container: bucket, key: taskKey(jobId)})).body);
	const ivjm = async (...args: string[]) =>
		run([...args, '--store', `local:${root}`, '--user', 'jdoe']);
	const jobCount = async () => {
		const {stdout} = await ivjm('jobs', '--json');
		return (JSON.parse(stdout) as {jobs: unknown[]}).jobs.length;
	};

	return {home, store, jobId, oldTask, ivjm, jobCount};
}

test('the new job takes the edited task.json; its input is copied from the old job', async (t) => {
	const {home, store, jobId, oldTask, ivjm} = await setup(t);
	const edited = JSON.parse(oldTask) as Record<string, unknown> & {resources: unknown};
	edited['name'] = 'BMI GWAS, 8 GB';
	edited['biobanks'] = ['FIMM'];
	resourcesOf(edited)['ramGb'] = 8;
	await writeFile(join(home, 'task.json'), JSON.stringify(edited, null, 2));
	const run = await ivjm('resubmit', jobId, '--task', join(home, 'task.json'));
	t.is(run.code, 0, run.stderr);
	const newId = run.stdout.trim();
	t.regex(newId, /^\d+-jdoe$/u);
	const task = JSON.parse(
		await text((await store.get({container: bucket, key: taskKey(newId)})).body),
	) as {name: string; replaces: string; biobanks: string[]; resources: unknown};
	t.like(task, {name: 'BMI GWAS, 8 GB', replaces: jobId, biobanks: ['FIMM']});
	t.is(resourcesOf(task)['ramGb'], 8);
	const copied = await store.get({
		container: bucket,
		key: `jobs/jdoe/${newId}/input/container.sif`,
	});
	t.is(await text(copied.body), 'a container');
});

test('a task file with a mistake exits 2, says what is wrong and sends nothing', async (t) => {
	const {home, jobId, oldTask, ivjm, jobCount} = await setup(t);
	const before = await jobCount();
	await writeFile(join(home, 'broken.json'), '{"name": "BMI GWAS",');
	const broken = await ivjm('resubmit', jobId, '--task', join(home, 'broken.json'));
	t.is(broken.code, 2, broken.stderr);
	t.regex(broken.stderr, /broken\.json is not a task\.json ivjm can submit/u);

	const missing = await ivjm('resubmit', jobId, '--task', join(home, 'nothing-here.json'));
	t.is(missing.code, 2, missing.stderr);
	t.regex(missing.stderr, /Cannot read .*nothing-here\.json/u);

	const foreign = JSON.parse(oldTask) as {
		inputs: Array<{object: string; url?: string; name?: string}>;
	};
	for (const input of foreign.inputs) {
		input.object = input.object.replace('container.sif', 'other.sif');
		if (input.url) input.url = input.url.replace('container.sif', 'other.sif');
	}
	await writeFile(join(home, 'foreign.json'), JSON.stringify(foreign));
	const refused = await ivjm('resubmit', jobId, '--task', join(home, 'foreign.json'));
	t.not(refused.code, 0);
	t.regex(refused.stderr, /input other\.sif is not one of \d+-jdoe's own inputs/u, refused.stderr);
	t.is(await jobCount(), before, 'no job was made');
	t.is(await readFile(join(home, 'broken.json'), 'utf8'), '{"name": "BMI GWAS",');
});
