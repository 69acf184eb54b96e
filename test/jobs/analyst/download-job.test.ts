import {lstat, mkdir, readdir, readFile, symlink, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import test from 'ava';
import {InvalidJob, UnsafeJobPath} from '../../../source/jobs/analyst/analyst-errors.js';
import {claimAndDownload} from '../../../source/jobs/analyst/download-job.js';
import type {FilesProgress} from '../../../source/jobs/files-progress.js';
import {markerKey} from '../../../source/protocol/index.js';
import {NotFound} from '../../../source/storage/errors/index.js';
import type {ObjectStore} from '../../../source/storage/store.js';
import {fixtureText} from '../../protocol/fixture.js';
import {bucket, caches, clockAt, localStore, seedJob, seedRawJob} from './seed.js';

const fixtureTask = 'jobs/requester/1795597505-requester/HUS/task.json';

const now = 1_800_000_000_000;

async function setup(t: Parameters<typeof localStore>[0]) {
	const {store, folder} = await localStore(t);
	const work = join(folder, 'work');
	const journals = join(folder, 'journals');
	const claim = (jobId: string, extra: {onProgress?: (progress: FilesProgress) => void} = {}) =>
		claimAndDownload(store, bucket, clockAt(now), {
			jobId,
			biobank: 'HUS',
			analyst: 'lvirtanen',
			workFolder: work,
			caches: caches(),
			settleMs: 0,
			journalFolder: journals,
			...extra,
		});
	return {store, folder, work, claim};
}

async function markerExists(store: Awaited<ReturnType<typeof localStore>>['store'], jobId: string) {
	try {
		await store.head({container: bucket, key: markerKey(jobId, 'HUS', 'processing')});
		return true;
	} catch (error) {
		if (error instanceof NotFound) return false;
		throw error;
	}
}

test('a claim downloads the inputs and the instructions into <work>/<jobid>, with progress', async (t) => {
	const {store, work, claim} = await setup(t);
	const container = new Uint8Array(300_000).fill(7);
	const jobId = await seedJob(store, {
		seconds: 1_700_000_000,
		biobanks: ['HUS'],
		inputs: {'input1.txt': 'small input\n', 'tool.sif': container},
	});
	const events: FilesProgress[] = [];
	const result = await claim(jobId, {onProgress: (progress) => events.push(progress)});
	t.is(result.jobFolder, join(work, jobId));
	t.deepEqual((await readdir(result.jobFolder)).sort(), [
		'README_instructions.txt',
		'input1.txt',
		'tool.sif',
	]);
	t.is(await readFile(join(result.jobFolder, 'input1.txt'), 'utf8'), 'small input\n');
	t.is((await readFile(join(result.jobFolder, 'tool.sif'))).length, 300_000);
	t.deepEqual(
		result.files.map((file) => [file.relative, file.result.verifiedBy, file.result.skipped]),
		[
			['input1.txt', 'md5', false],
			['tool.sif', 'md5', false],
			['README_instructions.txt', 'md5', false],
		],
	);
	const last = events.at(-1);
	t.is(last?.total, 12 + 300_000 + 'run: cat input1.txt > result.txt\n'.length);
	t.is(last?.done, last?.total);
	t.true(last?.files.every((file) => file.state === 'done'));
});

test('a second run resumes: the claim is already ours and verified files are skipped', async (t) => {
	const {store, claim} = await setup(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await claim(jobId);
	const again = await claim(jobId);
	t.true(again.claim.already);
	t.true(again.files.every((file) => file.result.skipped));
});

test('a task.json whose input path climbs out of the job folder is refused before the claim', async (t) => {
	const {store, work, claim} = await setup(t);
	const jobId = '1700000100-mallory';
	const task = JSON.parse(fixtureText(fixtureTask)) as {
		ID: string;
		'csc-user': string;
		inputs: Array<{path: string}>;
	};
	task.ID = jobId;
	task['csc-user'] = 'mallory';
	task.inputs[0]!.path = '../../.bashrc';
	await seedRawJob(store, {jobId, taskText: JSON.stringify(task)});
	const error = await t.throwsAsync(claim(jobId), {instanceOf: InvalidJob});
	t.regex(
		error?.message ?? '',
		/inputs\[0\]\.path: The path climbs out of the job folder with "\.\."/,
	);
	t.false(await markerExists(store, jobId));
	await t.throwsAsync(lstat(work), {code: 'ENOENT'});
});

test('an instructions object whose name is ".." stops the job and writes nothing', async (t) => {
	const {store, work, claim} = await setup(t);
	const jobId = '1700000100-mallory';
	const task = JSON.parse(fixtureText(fixtureTask)) as Record<string, unknown> & {
		inputs: Array<Record<string, string>>;
	};
	const folder = `jobs/mallory/${jobId}`;
	task.ID = jobId;
	task['csc-user'] = 'mallory';
	task.inputs = [];
	task.instructions = [{bucket, object: `${folder}/input/..`}];
	task.outputs = [];
	await seedRawJob(store, {
		jobId,
		taskText: JSON.stringify(task),
		objects: {[`${folder}/input/..`]: 'x'},
	});
	const error = await t.throwsAsync(claim(jobId), {instanceOf: UnsafeJobPath});
	t.regex(error?.message ?? '', /stopped, nothing was written: "\.\.": The path climbs out/);
	t.false(await markerExists(store, jobId));
	await t.throwsAsync(lstat(work), {code: 'ENOENT'});
});

test('a symbolic link planted in the job folder stops the job; nothing is written through it', async (t) => {
	const {store, folder, work, claim} = await setup(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const outside = join(folder, 'outside.txt');
	await writeFile(outside, 'precious\n');
	await mkdir(join(work, jobId), {recursive: true});
	await symlink(outside, join(work, jobId, 'input1.txt'));
	const error = await t.throwsAsync(claim(jobId), {instanceOf: UnsafeJobPath});
	t.regex(
		error?.message ?? '',
		/input1\.txt in the job folder is a symbolic link; it is not followed/,
	);
	t.is(await readFile(outside, 'utf8'), 'precious\n');
	t.false(await markerExists(store, jobId));
});

test('a job folder that is itself a symbolic link is refused', async (t) => {
	const {store, folder, work, claim} = await setup(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await mkdir(join(folder, 'elsewhere'));
	await mkdir(work);
	await symlink(join(folder, 'elsewhere'), join(work, jobId));
	await t.throwsAsync(claim(jobId), {instanceOf: UnsafeJobPath, message: /is a symbolic link/});
	t.deepEqual(await readdir(join(folder, 'elsewhere')), []);
});

test('a job with an input missing from storage is not claimed', async (t) => {
	const {store, claim} = await setup(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await store.delete({container: bucket, key: `jobs/requester/${jobId}/input/input1.txt`});
	await t.throwsAsync(claim(jobId), {
		instanceOf: InvalidJob,
		message: /input1\.txt: is missing from storage/,
	});
	t.false(await markerExists(store, jobId));
});

test('an interrupted download continues where it stopped when the claim is run again', async (t) => {
	const {store, work, claim} = await setup(t);
	const big = new Uint8Array(4 * 1024 * 1024).map((_, index) => index % 251);
	const jobId = await seedJob(store, {
		seconds: 1_700_000_000,
		biobanks: ['HUS'],
		inputs: {'input1.txt': 'small\n', 'data.bin': big},
	});
	// The first run's connection breaks for good after a megabyte (the host went to sleep).
	const breaking: ObjectStore = {
		...store,
		async get(ref, options) {
			const got = await store.get(ref, options);
			if (!ref.key.endsWith('/data.bin')) return got;
			async function* firstMegabyte() {
				let sent = 0;
				for await (const chunk of got.body as AsyncIterable<Buffer>) {
					yield chunk;
					sent += chunk.length;
					if (sent >= 1024 * 1024) throw new Error('the laptop lid was closed');
				}
			}

			return {head: got.head, body: Readable.from(firstMegabyte())};
		},
	};
	await t.throwsAsync(
		claimAndDownload(breaking, bucket, clockAt(now), {
			jobId,
			biobank: 'HUS',
			analyst: 'lvirtanen',
			workFolder: work,
			caches: caches(),
			settleMs: 0,
			journalFolder: join(work, '..', 'journals'),
		}),
		{message: /lid was closed/},
	);
	const part = await lstat(join(work, jobId, 'data.bin.part'));
	t.true(part.size > 0 && part.size < big.length, `kept ${part.size} bytes`);
	const again = await claim(jobId);
	const data = again.files.find((file) => file.relative === 'data.bin');
	t.is(data?.result.resumedBytes, part.size);
	// Compared as bytes: ava's deepEqual walks 4 million array items one by one.
	t.true((await readFile(join(work, jobId, 'data.bin'))).equals(big));
});
