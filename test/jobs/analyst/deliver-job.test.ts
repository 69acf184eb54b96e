import {mkdir, symlink, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {text} from 'node:stream/consumers';
import test from 'ava';
import {MissingOutputs, WrongStatus} from '../../../source/jobs/analyst/analyst-errors.js';
import {claimJob} from '../../../source/jobs/analyst/claim-job.js';
import {checkOutputs, deliverJob} from '../../../source/jobs/analyst/deliver-job.js';
import {loadInboxJob} from '../../../source/jobs/analyst/load-inbox.js';
import {ReleaseRefused} from '../../../source/jobs/analyst/review/review-errors.js';
import {isoTime} from '../../../source/jobs/clock.js';
import {claimBody, markerKey, resultKey, type Task} from '../../../source/protocol/index.js';
import {NotFound} from '../../../source/storage/errors/index.js';
import {bucket, caches, clockAt, localStore, seedJob} from './seed.js';

const now = 1_800_000_000_000;

async function claimed(
	t: Parameters<typeof localStore>[0],
	outputs = ['result.txt', 'qc/report.html'],
) {
	const {store, folder} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS'], outputs});
	await claimJob(store, bucket, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 0,
	});
	const job = await loadInboxJob(store, bucket, 'HUS', jobId, caches());
	const jobFolder = join(folder, 'work', jobId);
	await mkdir(jobFolder, {recursive: true});
	const deliver = (
		extra: {analyst?: string; extras?: string[]; justify?: Record<string, string>} = {},
	) =>
		deliverJob(store, bucket, clockAt(now + 60_000), {
			task: job.task as Task,
			biobank: 'HUS',
			analyst: extra.analyst ?? 'lvirtanen',
			jobFolder,
			extras: extra.extras,
			review: {justify: extra.justify},
			journalFolder: join(folder, 'journals'),
		});
	const readyExists = async () =>
		store.head({container: bucket, key: markerKey(jobId, 'HUS', 'ready')}).then(
			() => true,
			(error: unknown) => {
				if (error instanceof NotFound) return false;
				throw error;
			},
		);
	return {store, folder, jobId, job, jobFolder, deliver, readyExists};
}

test('the checklist shows each declared output present or missing, with size and time, and other files apart', async (t) => {
	const {job, jobFolder} = await claimed(t);
	await writeFile(join(jobFolder, 'result.txt'), 'forty-two\n');
	await writeFile(join(jobFolder, 'notes.txt'), 'scratch\n');
	await writeFile(join(jobFolder, 'input1.txt'), 'small input\n');
	const checklist = await checkOutputs(job.task as Task, 'HUS', jobFolder);
	t.like(checklist.outputs, [
		{
			declared: './result.txt',
			relative: 'result.txt',
			state: 'present',
			bytes: 10,
			key: resultKey(job.jobId, 'HUS', 'result.txt'),
		},
		{declared: './qc/report.html', relative: 'qc/report.html', state: 'missing'},
	]);
	t.true((checklist.outputs[0]?.modifiedAt ?? 0) > 0);
	t.deepEqual(
		checklist.extras.map((file) => file.relative),
		['notes.txt'],
	);
});

test('a missing output stops the delivery before anything is uploaded, and ready is not written', async (t) => {
	const {store, jobId, jobFolder, deliver, readyExists} = await claimed(t);
	await writeFile(join(jobFolder, 'result.txt'), 'forty-two\n');
	await t.throwsAsync(deliver(), {
		instanceOf: MissingOutputs,
		message: /"qc\/report\.html" is not in/,
	});
	t.false(await readyExists());
	await t.throwsAsync(store.head({container: bucket, key: resultKey(jobId, 'HUS', 'result.txt')}), {
		instanceOf: NotFound,
	});
});

test('every output is uploaded to its result key and read back before status/ready is written', async (t) => {
	const {store, jobId, jobFolder, deliver, readyExists} = await claimed(t);
	await writeFile(join(jobFolder, 'result.txt'), 'forty-two\n');
	await mkdir(join(jobFolder, 'qc'));
	await writeFile(join(jobFolder, 'qc', 'report.html'), '<p>fine</p>\n');
	await writeFile(join(jobFolder, 'scratch.log'), 'not for the requester\n');
	const result = await deliver();
	t.deepEqual(
		result.files.map((file) => [file.relative, file.key]),
		[
			['result.txt', resultKey(jobId, 'HUS', 'result.txt')],
			['qc/report.html', resultKey(jobId, 'HUS', 'qc/report.html')],
		],
	);
	const stored = await store.get({container: bucket, key: resultKey(jobId, 'HUS', 'result.txt')});
	t.is(await text(stored.body), 'forty-two\n');
	t.true(await readyExists());
	const ready = await store.get({container: bucket, key: markerKey(jobId, 'HUS', 'ready')});
	t.is(await text(ready.body), claimBody('lvirtanen', isoTime(now + 60_000)));
	await t.throwsAsync(
		store.head({container: bucket, key: resultKey(jobId, 'HUS', 'scratch.log')}),
		{instanceOf: NotFound},
	);
	t.is((await loadInboxJob(store, bucket, 'HUS', jobId, caches())).status, 'ready');
});

test('an extra file is uploaded only when chosen, and only with a justification: it was not declared', async (t) => {
	const {store, jobId, jobFolder, deliver, readyExists} = await claimed(t, ['result.txt']);
	await writeFile(join(jobFolder, 'result.txt'), 'forty-two\n');
	await writeFile(join(jobFolder, 'plot.png'), 'png');
	await t.throwsAsync(deliver({extras: ['plot.png']}), {
		instanceOf: ReleaseRefused,
		message: /"plot\.png" has blocking findings/,
	});
	t.false(await readyExists());
	await t.throwsAsync(store.head({container: bucket, key: resultKey(jobId, 'HUS', 'result.txt')}), {
		instanceOf: NotFound,
	});
	const result = await deliver({
		extras: ['plot.png'],
		justify: {'plot.png': 'the requester asked for the plot by e-mail'},
	});
	t.deepEqual(
		result.files.map((file) => file.relative),
		['result.txt', 'plot.png'],
	);
	t.is((await store.head({container: bucket, key: resultKey(jobId, 'HUS', 'plot.png')})).bytes, 3);
});

test('an output that is a symbolic link is not read: the delivery stops', async (t) => {
	const {folder, jobFolder, deliver, readyExists} = await claimed(t, ['result.txt']);
	await writeFile(join(folder, 'private-key'), 'secret\n');
	await symlink(join(folder, 'private-key'), join(jobFolder, 'result.txt'));
	await t.throwsAsync(deliver(), {instanceOf: MissingOutputs, message: /not a plain file/});
	t.false(await readyExists());
});

test('only the analyst holding the claim can deliver', async (t) => {
	const {jobFolder, deliver} = await claimed(t, ['result.txt']);
	await writeFile(join(jobFolder, 'result.txt'), 'forty-two\n');
	await t.throwsAsync(deliver({analyst: 'kmakinen'}), {
		instanceOf: WrongStatus,
		message: /claimed by lvirtanen since .*: only they can deliver it/,
	});
});
