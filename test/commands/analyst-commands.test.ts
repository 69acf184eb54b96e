import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {
	claimDocument,
	deliverDocument,
	errorDocument,
	giveUpDocument,
	inboxDocument,
} from '../../source/commands/json-shapes.js';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import {cliHome, parsedJson} from '../helpers/run-cli.js';
import {bucket, seedJob, seedRawJob} from '../jobs/analyst/seed.js';

/** The built ivjm as a script runs it: no terminal, a home of its own, the local store. */
async function setup(t: ExecutionContext) {
	const {home, ivjm: run} = await cliHome(t, 'commands');
	const root = join(home, 'store');
	const store = createLocalStore({root});
	await store.createContainer(bucket);
	const ivjm = async (user: string, ...args: string[]) =>
		run([...args, '--store', `local:${root}`, '--user', user]);
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
	const inbox = parsedJson(t, run, inboxDocument);
	t.is(inbox.biobank, 'HUS');
	t.deepEqual(
		inbox.jobs.map((job) => job.id),
		[newer, '1700000300-mallory', older],
	);
	t.deepEqual(inbox.jobs[0], {
		id: newer,
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
	const result = parsedJson(t, claimed, claimDocument);
	t.like(result, {
		id: jobId,
		biobank: 'HUS',
		by: 'lvirtanen',
		already: false,
		reclaimed: false,
		folder: join(dir, jobId),
	});
	t.deepEqual(
		result.files.map((file) => [file.path, file.kind, file.bytes, file.skipped]),
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
		new RegExp(
			`^ivjm: Job ${jobId} at HUS is already claimed by lvirtanen since \\S+\\.\\nLeave it to lvirtanen`,
		),
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
	t.deepEqual(parsedJson(t, missing, errorDocument), {
		schema: 'ivjm/1',
		error: {
			code: 'failure',
			kind: 'MissingOutputs',
			message: `Job ${jobId} cannot be delivered: "qc.html" is not in ${join(dir, jobId)} (or not a plain file).`,
			nextStep: 'Put the outputs there (as the task names them), then deliver again.',
			details: {jobId, missing: ['qc.html']},
		},
	});
	await writeFile(join(dir, jobId, 'qc.html'), '<p>ok</p>\n');
	const delivered = await deliver();
	t.is(delivered.code, 0, delivered.stderr);
	t.like(parsedJson(t, delivered, deliverDocument), {
		id: jobId,
		biobank: 'HUS',
		status: 'ready',
		review: `jobs/requester/${jobId}/HUS/review/sign-off.json`,
		held: [],
		files: [
			{path: 'result.txt', object: `jobs/requester/${jobId}/HUS/results/result.txt`, bytes: 10},
			{path: 'qc.html', object: `jobs/requester/${jobId}/HUS/results/qc.html`, bytes: 10},
		],
	});
	const inbox = parsedJson(
		t,
		await ivjm('lvirtanen', 'inbox', '--biobank', 'HUS', '--json'),
		inboxDocument,
	);
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
	t.deepEqual(parsedJson(t, declined, giveUpDocument), {
		schema: 'ivjm/1',
		id: jobId,
		biobank: 'HUS',
		status: 'declined',
		by: 'lvirtanen',
		reason: 'BMI is not collected here',
	});
	const inboxNow = async () =>
		parsedJson(t, await ivjm('lvirtanen', 'inbox', '--biobank', 'HUS', '--json'), inboxDocument);
	let inbox = await inboxNow();
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
	t.like(parsedJson(t, claim, claimDocument), {reclaimed: true, by: 'kmakinen'});
	inbox = await inboxNow();
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
		'ivjm: There is no request for job 1700000000-requester in the inbox of HUS.\n' +
			'`ivjm inbox --biobank HUS` lists the requests to HUS.\n',
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
	t.is(parsedJson(t, unsafe, errorDocument).error.kind, 'InvalidJob');
	const inbox = parsedJson(
		t,
		await ivjm('lvirtanen', 'inbox', '--biobank', 'HUS', '--json'),
		inboxDocument,
	);
	t.is(inbox.jobs[0]?.status, 'waiting');
});

test('--bucket names the bucket in a local:DIR store, as ivjm config says it does', async (t) => {
	const {store, ivjm} = await setup(t);
	await store.createContainer('another-bucket');
	const jobId = await seedJob(store, {
		seconds: 1_700_000_000,
		name: 'elsewhere',
		biobanks: ['HUS'],
	});
	// Only in the default bucket: the named one must be the one listed.
	const named = await ivjm(
		'lvirtanen',
		'inbox',
		'--biobank',
		'HUS',
		'--bucket',
		'another-bucket',
		'--json',
	);
	t.is(named.code, 0, named.stderr);
	t.deepEqual(parsedJson(t, named, inboxDocument).jobs, []);
	const unnamed = parsedJson(
		t,
		await ivjm('lvirtanen', 'inbox', '--biobank', 'HUS', '--json'),
		inboxDocument,
	);
	t.deepEqual(
		unnamed.jobs.map((job) => job.id),
		[jobId],
	);
});
