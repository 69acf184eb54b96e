import {execFile} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import {bucket, seedJob, seedRawJob} from '../jobs/analyst/seed.js';

const repository = resolve(import.meta.dirname, '../..');

type Run = {code: number; stdout: string; stderr: string};

/** The built ivjm as a script runs it: no terminal, a home of its own, the local store. */
async function setup(t: ExecutionContext) {
	const home = await mkdtemp(join(tmpdir(), 'ivjm-commands-'));
	t.teardown(() => rm(home, {recursive: true, force: true}));
	const root = join(home, 'store');
	const store = createLocalStore({root});
	await store.createContainer(bucket);
	const ivjm = async (user: string, ...args: string[]): Promise<Run> =>
		new Promise((done) => {
			execFile(
				process.execPath,
				[join(repository, 'dist', 'cli.js'), ...args, '--store', `local:${root}`, '--user', user],
				{
					cwd: home,
					env: {
						PATH: process.env['PATH'] ?? '',
						HOME: home,
						XDG_STATE_HOME: join(home, 'state'),
						XDG_CONFIG_HOME: join(home, 'config'),
						XDG_DATA_HOME: join(home, 'data'),
					},
				},
				(error, stdout, stderr) =>
					done({code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr}),
			);
		});
	return {home, store, ivjm};
}

test('inbox --json lists the jobs of a biobank newest first, a broken one with its problems', async (t) => {
	const {store, ivjm} = await setup(t);
	const older = await seedJob(store, {seconds: 1_700_000_000, name: 'older', biobanks: ['HUS']});
	const newer = await seedJob(store, {
		seconds: 1_700_000_500,
		name: 'newer',
		biobanks: ['HUS', 'FIMM'],
	});
	await seedRawJob(store, {jobId: '1700000300-mallory', taskText: '[]'});
	const run = await ivjm('lvirtanen', 'inbox', '--biobank', 'HUS', '--json');
	t.is(run.code, 0, run.stderr);
	const inbox = JSON.parse(run.stdout) as {biobank: string; jobs: Array<Record<string, unknown>>};
	t.is(inbox.biobank, 'HUS');
	t.deepEqual(
		inbox.jobs.map((job) => job['jobId']),
		[newer, '1700000300-mallory', older],
	);
	t.deepEqual(inbox.jobs[0], {
		jobId: newer,
		requester: 'requester',
		name: 'newer',
		type: 'other',
		submitted: '2023-11-14T22:21:40.000Z',
		inputBytes: 12,
		missingInputs: 0,
		status: 'waiting',
		claimable: true,
		by: null,
		since: null,
		reason: null,
		problems: [],
	});
	t.like(inbox.jobs[1], {
		status: 'waiting',
		claimable: false,
		problems: ['task.json must hold a JSON object.'],
	});
});

test('claim downloads into --dir; a second analyst gets exit code 5 naming the first', async (t) => {
	const {home, store, ivjm} = await setup(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const dir = join(home, 'work');
	const claimed = await ivjm(
		'lvirtanen',
		'claim',
		jobId,
		'--biobank',
		'HUS',
		'--dir',
		dir,
		'--json',
	);
	t.is(claimed.code, 0, claimed.stderr);
	const result = JSON.parse(claimed.stdout) as Record<string, unknown> & {
		files: Array<Record<string, unknown>>;
	};
	t.like(result, {
		jobId,
		biobank: 'HUS',
		by: 'lvirtanen',
		already: false,
		reclaimed: false,
		jobFolder: join(dir, jobId),
	});
	t.deepEqual(
		result.files.map((file) => [file['path'], file['kind'], file['bytes'], file['skipped']]),
		[
			['input1.txt', 'input', 12, false],
			['README_instructions.txt', 'instructions', 33, false],
		],
	);
	t.is(claimed.stderr, '', 'no progress on a stderr that is not a terminal');

	const lost = await ivjm(
		'kmakinen',
		'claim',
		jobId,
		'--biobank',
		'HUS',
		'--dir',
		join(home, 'other'),
	);
	t.is(lost.code, 5);
	t.regex(
		lost.stderr,
		new RegExp(`^ivjm: Job ${jobId} at HUS is already claimed by lvirtanen since \\S+\\.\\n$`),
	);

	const again = await ivjm('lvirtanen', 'claim', jobId, '--biobank', 'HUS', '--dir', dir);
	t.is(again.code, 0);
	t.regex(
		again.stdout,
		new RegExp(`^Already yours: ${jobId} at HUS; 2 files \\(45 B\\) verified in `),
	);
});

test('deliver refuses while an output is missing (exit 1, nothing marked), then uploads and marks ready', async (t) => {
	const {home, store, ivjm} = await setup(t);
	const jobId = await seedJob(store, {
		seconds: 1_700_000_000,
		biobanks: ['HUS'],
		outputs: ['result.txt', 'qc.html'],
	});
	const dir = join(home, 'work');
	t.is((await ivjm('lvirtanen', 'claim', jobId, '--biobank', 'HUS', '--dir', dir)).code, 0);
	await writeFile(join(dir, jobId, 'result.txt'), 'forty-two\n');
	const deliver = async () =>
		ivjm('lvirtanen', 'deliver', jobId, '--biobank', 'HUS', '--dir', dir, '--json');
	const missing = await deliver();
	t.is(missing.code, 1);
	t.deepEqual(JSON.parse(missing.stdout), {
		error: {
			kind: 'MissingOutputs',
			message: `Job ${jobId} cannot be delivered: "qc.html" is not in ${join(dir, jobId)} (or not a plain file).`,
			missing: ['qc.html'],
		},
	});
	await writeFile(join(dir, jobId, 'qc.html'), '<p>ok</p>\n');
	const delivered = await deliver();
	t.is(delivered.code, 0, delivered.stderr);
	t.like(JSON.parse(delivered.stdout), {
		jobId,
		biobank: 'HUS',
		status: 'ready',
		ready: `jobs/requester/${jobId}/HUS/status/ready`,
		files: [
			{path: 'result.txt', key: `jobs/requester/${jobId}/HUS/results/result.txt`, bytes: 10},
			{path: 'qc.html', key: `jobs/requester/${jobId}/HUS/results/qc.html`, bytes: 10},
		],
	});
	const inbox = JSON.parse(
		(await ivjm('lvirtanen', 'inbox', '--biobank', 'HUS', '--json')).stdout,
	) as {
		jobs: Array<{status: string; by: string}>;
	};
	t.like(inbox.jobs[0], {status: 'ready', by: 'lvirtanen'});
});

test('fail needs a claim (exit 5); decline writes the reason; a later claim takes the job up again', async (t) => {
	const {home, store, ivjm} = await setup(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const fail = await ivjm('lvirtanen', 'fail', jobId, '--biobank', 'HUS', '--reason', 'broke');
	t.is(fail.code, 5);
	t.regex(fail.stderr, /claim it before you mark a run failed/);
	const declined = await ivjm(
		'lvirtanen',
		'decline',
		jobId,
		'--biobank',
		'HUS',
		'--reason',
		'BMI is not collected here',
		'--json',
	);
	t.is(declined.code, 0, declined.stderr);
	t.deepEqual(JSON.parse(declined.stdout), {
		jobId,
		biobank: 'HUS',
		marker: 'declined',
		by: 'lvirtanen',
		reason: 'BMI is not collected here',
		status: 'declined',
	});
	let inbox = JSON.parse(
		(await ivjm('lvirtanen', 'inbox', '--biobank', 'HUS', '--json')).stdout,
	) as {
		jobs: Array<Record<string, unknown>>;
	};
	t.like(inbox.jobs[0], {status: 'declined', by: 'lvirtanen', reason: 'BMI is not collected here'});
	const claim = await ivjm(
		'kmakinen',
		'claim',
		jobId,
		'--biobank',
		'HUS',
		'--dir',
		join(home, 'work'),
		'--json',
	);
	t.is(claim.code, 0, claim.stderr);
	t.like(JSON.parse(claim.stdout), {reclaimed: true, by: 'kmakinen'});
	inbox = JSON.parse((await ivjm('lvirtanen', 'inbox', '--biobank', 'HUS', '--json')).stdout) as {
		jobs: Array<Record<string, unknown>>;
	};
	t.like(inbox.jobs[0], {status: 'processing', by: 'kmakinen'});
});

test('usage mistakes exit 2, an unknown job exits 4, an unsafe task exits 1 and is not claimed', async (t) => {
	const {store, ivjm} = await setup(t);
	t.is((await ivjm('lvirtanen', 'inbox')).code, 2);
	t.is((await ivjm('lvirtanen', 'claim', 'not-a-job', '--biobank', 'HUS')).code, 2);
	t.is((await ivjm('lvirtanen', 'decline', '1700000000-requester', '--biobank', 'HUS')).code, 2);
	const unknown = await ivjm('lvirtanen', 'claim', '1700000000-requester', '--biobank', 'HUS');
	t.is(unknown.code, 4);
	t.is(
		unknown.stderr,
		'ivjm: There is no request for job 1700000000-requester in the inbox of HUS.\n',
	);
	await seedRawJob(store, {
		jobId: '1700000100-mallory',
		taskText: JSON.stringify({
			ID: '1700000100-mallory',
			inputs: [{name: 'x', path: '../../.profile'}],
		}),
	});
	const unsafe = await ivjm(
		'lvirtanen',
		'claim',
		'1700000100-mallory',
		'--biobank',
		'HUS',
		'--json',
	);
	t.is(unsafe.code, 1);
	t.regex(unsafe.stderr, /inputs\[0\]\.path: The path climbs out of the job folder with "\.\."/);
	const inbox = JSON.parse(
		(await ivjm('lvirtanen', 'inbox', '--biobank', 'HUS', '--json')).stdout,
	) as {
		jobs: Array<{status: string}>;
	};
	t.is(inbox.jobs[0]?.status, 'waiting');
});
