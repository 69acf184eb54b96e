import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import type {Clock} from '../../../source/jobs/clock.js';
import {publishJob} from '../../../source/jobs/publish-job.js';
import {cancelJob} from '../../../source/jobs/researcher/cancel-job.js';
import {deleteJob, planDeleteJob} from '../../../source/jobs/researcher/delete-job.js';
import {loadJobDetail} from '../../../source/jobs/researcher/load-job-detail.js';
import {isMine, NotYourJob} from '../../../source/jobs/researcher/ownership.js';
import {TaskCache} from '../../../source/jobs/task-cache.js';
import {builtInCatalogue, findAnalysisType} from '../../../source/protocol/catalogue.js';
import {buildJobId} from '../../../source/protocol/job-id.js';
import {jobPrefix} from '../../../source/protocol/keys.js';
import {planNewTask} from '../../../source/protocol/new-task.js';
import type {ObjectStore} from '../../../source/storage/store.js';
import {testServers} from '../../helpers/servers.js';
import {keystoneStore, swiftContainer} from '../analyst/swift.js';

// Swift's ACLs let every member of the project write the whole bucket: ivjm's own check is what
// keeps the analyst (another Keystone user of project_2004504) from withdrawing or deleting the
// requester's job. Both sign in to the real Keystone; the job lives in the real Swift.
const repository = resolve(import.meta.dirname, '../../..');
const requester = keystoneStore('requester');
const analyst = keystoneStore('analyst');
const clock: Clock = {now: () => 1_800_100_000_000};
test.after.always(async () => {
	await requester.store.close();
	await analyst.store.close();
});

async function requestersJob(t: ExecutionContext, seconds: number) {
	const bucket = await swiftContainer(t, 'ownership', requester);
	const planned = planNewTask({
		jobId: buildJobId(seconds, 'requester'),
		bucket,
		name: 'the requester’s job',
		requestor: 'requester@example.org',
		date: '2027-01-15T10:00:00.000+00:00',
		biobanks: ['HUS', 'FIMM'],
		analysis: findAnalysisType(builtInCatalogue, 'prspipe')!,
	});
	if (!planned.ok) throw new Error('plan');
	await publishJob(requester.store, bucket, clock, planned.plan);
	return {bucket, jobId: planned.plan.task.id};
}

async function keys(store: ObjectStore, bucket: string): Promise<string[]> {
	const found: string[] = [];
	for await (const entry of store.list(bucket)) if (entry.kind === 'object') found.push(entry.key);
	return found;
}

test('another user cannot cancel or delete a job: refused naming its owner, nothing written', async (t) => {
	const {bucket, jobId} = await requestersJob(t, 1_800_100_000);
	const before = await keys(requester.store, bucket);
	t.false(isMine(jobId, 'analyst'));
	t.true(isMine(jobId, 'requester'));
	const job = await loadJobDetail(analyst.store, bucket, jobId, new TaskCache());
	const cancel = await t.throwsAsync(
		cancelJob(analyst.store, bucket, clock, job, 'analyst', 'Not mine to withdraw.'),
		{instanceOf: NotYourJob},
	);
	t.regex(cancel.message, /belongs to requester, not to you \(analyst\).*--not-mine/su);
	t.is(cancel.owner, 'requester');
	const plan = await t.throwsAsync(
		planDeleteJob(analyst.store, bucket, jobId, ['HUS', 'FIMM'], {user: 'analyst'}),
		{instanceOf: NotYourJob},
	);
	t.regex(plan.message, /only its owner may delete it/u);
	// A plan made by its owner does not let another user carry it out either.
	const ownersPlan = await planDeleteJob(requester.store, bucket, jobId, ['HUS', 'FIMM'], {
		user: 'requester',
	});
	await t.throwsAsync(deleteJob(analyst.store, bucket, {...ownersPlan, actor: {user: 'analyst'}}), {
		instanceOf: NotYourJob,
	});
	t.deepEqual(await keys(requester.store, bucket), before, 'not one object written or removed');
});

test('with --not-mine an administrator cancels and deletes another user’s job', async (t) => {
	const {bucket, jobId} = await requestersJob(t, 1_800_100_100);
	const job = await loadJobDetail(analyst.store, bucket, jobId, new TaskCache());
	t.deepEqual(
		await cancelJob(analyst.store, bucket, clock, job, 'analyst', 'Tidied up.', undefined, {
			notMine: true,
		}),
		['HUS', 'FIMM'],
	);
	const plan = await planDeleteJob(analyst.store, bucket, jobId, ['HUS', 'FIMM'], {
		user: 'analyst',
		notMine: true,
	});
	t.true((await deleteJob(analyst.store, bucket, plan)) > 0);
	t.deepEqual(
		(await keys(requester.store, bucket)).filter((key) => key.startsWith(jobPrefix(jobId))),
		[],
	);
});

test('the built ivjm refuses the analyst’s cancel and delete of the requester’s job (exit 3), and does them with --not-mine', async (t) => {
	const {bucket, jobId} = await requestersJob(t, 1_800_100_200);
	const home = await mkdtemp(join(tmpdir(), 'ivjm-ownership-'));
	t.teardown(async () => rm(home, {recursive: true, force: true}));
	const servers = testServers();
	const ivjm = async (...args: string[]) =>
		new Promise<{code: number; stdout: string; stderr: string}>((done) => {
			execFile(
				process.execPath,
				[join(repository, 'dist', 'cli.js'), ...args, '--bucket', bucket],
				{
					cwd: home,
					env: {
						PATH: process.env['PATH'] ?? '',
						HOME: home,
						XDG_STATE_HOME: join(home, 'state'),
						XDG_CONFIG_HOME: join(home, 'config'),
						XDG_DATA_HOME: join(home, 'data'),
						XDG_CACHE_HOME: join(home, 'cache'),
						OS_AUTH_URL: servers.keystoneUrl,
						OS_USERNAME: 'analyst',
						OS_PASSWORD: 'analystpass',
						OS_PROJECT_NAME: 'project_2004504',
						IVJM_KEYRING: 'none',
					},
				},
				(error, stdout, stderr) =>
					done({code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr}),
			);
		});
	const before = await keys(requester.store, bucket);
	const cancel = await ivjm('cancel', jobId);
	t.is(cancel.code, 3, cancel.stderr);
	t.regex(cancel.stderr, /belongs to requester, not to you \(analyst\)/u);
	const remove = await ivjm('delete', jobId, '--yes');
	t.is(remove.code, 3, remove.stderr);
	t.regex(remove.stderr, /belongs to requester/u);
	t.deepEqual(await keys(requester.store, bucket), before);

	const cancelled = await ivjm('cancel', jobId, '--not-mine');
	t.is(cancelled.code, 0, cancelled.stderr);
	t.regex(cancelled.stdout, /Cancelled .* at HUS, FIMM/u);
	const deleted = await ivjm('delete', jobId, '--yes', '--not-mine');
	t.is(deleted.code, 0, deleted.stderr);
	t.deepEqual(
		(await keys(requester.store, bucket)).filter((key) => key.startsWith(jobPrefix(jobId))),
		[],
	);
});
