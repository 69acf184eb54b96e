import {randomBytes} from 'node:crypto';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {buffer, text} from 'node:stream/consumers';
import test from 'ava';
import type {Clock} from '../../../source/jobs/clock.js';
import {publishJob} from '../../../source/jobs/publish-job.js';
import {prepareSubmit, submitJob} from '../../../source/jobs/researcher/submit-job.js';
import {builtInCatalogue, findAnalysisType} from '../../../source/protocol/catalogue.js';
import {buildJobId} from '../../../source/protocol/job-id.js';
import {jobPrefix, requestKey, taskKey} from '../../../source/protocol/keys.js';
import {planNewTask} from '../../../source/protocol/new-task.js';
import {readTask} from '../../../source/protocol/task.js';
import type {ObjectStore} from '../../../source/storage/store.js';
import {uploadFile} from '../../../source/transfer/upload-file.js';
import {swiftContainer, tempauthStore} from '../analyst/swift.js';

// Two submits by one user in the same second, on the real Swift: each must make its own
// complete job (the second takes the next second's id), and nothing of one may land in the other.
const other = findAnalysisType(builtInCatalogue, 'other')!;
const scratch = await mkdtemp(join(tmpdir(), 'ivjm-same-second-'));
const signedIn = tempauthStore();
test.after.always(async () => {
	await signedIn.store.close();
	await rm(scratch, {recursive: true, force: true});
});

type Submitted = {label: string; jobId: string; input: Buffer; instructions: string};

async function submitOne(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	label: string,
): Promise<Submitted> {
	const folder = await mkdtemp(join(scratch, `${label}-`));
	const input = randomBytes(50_000 + Math.floor(Math.random() * 50_000));
	const instructions = `run the analysis of ${label}\n`;
	await writeFile(join(folder, 'data.bin'), input);
	await writeFile(join(folder, 'README.txt'), instructions);
	const prepared = prepareSubmit(
		{
			user: 'requester',
			name: `task ${label}`,
			requestor: `${label}@example.org`,
			biobanks: ['HUS', 'FIMM'],
			analysis: other,
			// The same file names in both: without a reservation their keys would be the same.
			inputFiles: [{path: join(folder, 'data.bin'), name: 'data.bin'}],
			instructionsFile: {path: join(folder, 'README.txt'), name: 'README.txt'},
			outputs: ['result.txt'],
		},
		bucket,
		clock,
	);
	const jobId = await submitJob(
		{store, bucket, clock, upload: uploadFile, pendingFolder: join(scratch, 'pending')},
		prepared,
	);
	return {label, jobId, input, instructions};
}

async function read(store: ObjectStore, bucket: string, key: string): Promise<Buffer> {
	return buffer((await store.get({container: bucket, key})).body);
}

async function keysUnder(store: ObjectStore, bucket: string, prefix: string): Promise<string[]> {
	const keys: string[] = [];
	for await (const entry of store.list(bucket, {prefix})) {
		if (entry.kind === 'object') keys.push(entry.key.slice(prefix.length));
	}
	return keys.sort();
}

test('two submits in the same second by one user make two complete, distinct jobs, 20 rounds of 20', async (t) => {
	const {store} = signedIn;
	const bucket = await swiftContainer(t, 'same-second', signedIn);
	const expectedKeys = [
		'FIMM/status/submitted',
		'FIMM/task.json',
		'HUS/status/submitted',
		'HUS/task.json',
		'input/README.txt',
		'input/data.bin',
		'reservation',
		'task.json',
	];
	for (let round = 0; round < 20; round++) {
		const second = 1_800_000_000 + round * 10;
		const clock: Clock = {now: () => second * 1000 + 250};
		const jobs = await Promise.all(
			['a', 'b'].map(async (label) => submitOne(store, bucket, clock, `${label}${round}`)),
		);
		const ids = jobs.map((job) => job.jobId).sort();
		t.deepEqual(
			ids,
			[buildJobId(second, 'requester'), buildJobId(second + 1, 'requester')],
			`round ${round}: one job keeps the second, the other takes the next`,
		);
		for (const job of jobs) {
			const where = `round ${round}, ${job.label} (${job.jobId})`;
			t.deepEqual(await keysUnder(store, bucket, jobPrefix(job.jobId)), expectedKeys, where);
			t.true(
				(await read(store, bucket, `${jobPrefix(job.jobId)}input/data.bin`)).equals(job.input),
			);
			t.is(
				(await read(store, bucket, `${jobPrefix(job.jobId)}input/README.txt`)).toString(),
				job.instructions,
				where,
			);
			for (const key of ['task.json', 'HUS/task.json', 'FIMM/task.json']) {
				const task = readTask(
					(await read(store, bucket, `${jobPrefix(job.jobId)}${key}`)).toString(),
					{jobId: job.jobId},
				);
				if (!task.ok) throw new Error(`${where} ${key} is not a task`);
				t.is(task.task.name, `task ${job.label}`, `${where} ${key}`);
				t.is(task.task.requestor, `${job.label}@example.org`, `${where} ${key}`);
				t.true(
					task.task.inputs.every((input) => input.object.startsWith(jobPrefix(job.jobId))),
					`${where} ${key}: its inputs are its own`,
				);
			}
			for (const biobank of ['HUS', 'FIMM']) {
				t.is(
					(await read(store, bucket, requestKey(biobank, job.jobId))).toString(),
					`${jobPrefix(job.jobId)}${biobank}/task.json`,
				);
			}
		}
	}
});

test('an id whose folder the Python tools already used (no reservation) is passed over', async (t) => {
	const {store} = signedIn;
	const bucket = await swiftContainer(t, 'same-second-legacy', signedIn);
	const second = 1_800_000_500;
	const legacy = planNewTask({
		jobId: buildJobId(second, 'requester'),
		bucket,
		name: 'written without a reservation',
		requestor: 'old@example.org',
		date: '2027-01-15 10:00:00.000000',
		biobanks: ['HUS'],
		analysis: findAnalysisType(builtInCatalogue, 'prspipe')!,
	});
	if (!legacy.ok) throw new Error('plan');
	const clock: Clock = {now: () => second * 1000};
	await publishJob(store, bucket, clock, legacy.plan);
	const before = await text(
		(await store.get({container: bucket, key: taskKey(legacy.plan.task.id)})).body,
	);
	const job = await submitOne(store, bucket, clock, 'new');
	t.is(job.jobId, buildJobId(second + 1, 'requester'));
	t.is(
		await text((await store.get({container: bucket, key: taskKey(legacy.plan.task.id)})).body),
		before,
		'the older job is untouched',
	);
	t.deepEqual(await keysUnder(store, bucket, jobPrefix(legacy.plan.task.id)), [
		'HUS/status/submitted',
		'HUS/task.json',
		'task.json',
	]);
});
