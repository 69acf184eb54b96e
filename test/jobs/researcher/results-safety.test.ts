import {lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import type {Clock} from '../../../source/jobs/clock.js';
import {publishJob} from '../../../source/jobs/publish-job.js';
import {downloadResults, ResultsSkipped} from '../../../source/jobs/researcher/download-results.js';
import {loadJobDetail} from '../../../source/jobs/researcher/load-job-detail.js';
import {TaskCache} from '../../../source/jobs/task-cache.js';
import {writeMarker} from '../../../source/jobs/write-marker.js';
import {builtInCatalogue, findAnalysisType} from '../../../source/protocol/catalogue.js';
import {buildJobId} from '../../../source/protocol/job-id.js';
import {resultsPrefix} from '../../../source/protocol/keys.js';
import {planNewTask} from '../../../source/protocol/new-task.js';
import {downloadObject} from '../../../source/transfer/download-object.js';
import {swiftContainer, tempauthStore} from '../analyst/swift.js';

// `ivjm results` on the real Swift: never through a symbolic link under the download folder,
// every refused result named with its reason while the others arrive, and private files
// whatever the umask (this test process runs under umask 000, as the probe did).
process.umask(0);
const signedIn = tempauthStore();
const scratch = await mkdtemp(join(tmpdir(), 'ivjm-results-safety-'));
const clock: Clock = {now: () => 1_800_200_000_000};
test.after.always(async () => {
	await signedIn.store.close();
	await rm(scratch, {recursive: true, force: true});
});

/** A job ready at HUS and FIMM, each with `result.txt` and the extra results given. */
async function readyJob(t: ExecutionContext, seconds: number, extra: Record<string, string> = {}) {
	const {store} = signedIn;
	const bucket = await swiftContainer(t, 'results-safety', signedIn);
	const planned = planNewTask({
		jobId: buildJobId(seconds, 'requester'),
		bucket,
		name: 'results safety',
		requestor: 'requester@example.org',
		date: '2027-01-15T10:00:00.000+00:00',
		biobanks: ['HUS', 'FIMM'],
		analysis: findAnalysisType(builtInCatalogue, 'prspipe')!,
	});
	if (!planned.ok) throw new Error('plan');
	const jobId = planned.plan.task.id;
	await publishJob(store, bucket, clock, planned.plan);
	for (const biobank of ['HUS', 'FIMM']) {
		const results = {'result.txt': `result of ${biobank}\n`, ...(biobank === 'HUS' ? extra : {})};
		for (const [name, body] of Object.entries(results)) {
			await store.put({container: bucket, key: `${resultsPrefix(jobId, biobank)}${name}`}, body);
		}
		await writeMarker(store, bucket, clock, {jobId, biobank, marker: 'ready', by: 'analyst'});
	}
	const job = await loadJobDetail(store, bucket, jobId, new TaskCache());
	const run = async (folder: string) =>
		downloadResults(store, bucket, downloadObject, job, folder, {}).catch((error: unknown) => {
			if (error instanceof ResultsSkipped) return error;
			throw error;
		});
	return {jobId, run};
}

test('a symlinked <jobid> folder is refused: nothing written outside, every result named with the reason', async (t) => {
	const {jobId, run} = await readyJob(t, 1_800_200_000);
	const folder = await mkdtemp(join(scratch, 'downloads-'));
	const outside = await mkdtemp(join(scratch, 'outside-'));
	await symlink(outside, join(folder, jobId));
	const outcome = await run(folder);
	if (!(outcome instanceof ResultsSkipped)) throw new Error('the results were downloaded');
	t.deepEqual(outcome.downloaded, []);
	t.deepEqual(
		outcome.skipped.map((file) => `${file.biobank}/${file.name}`),
		['HUS/result.txt', 'FIMM/result.txt'],
	);
	t.regex(outcome.message, /HUS\/result\.txt: .*symbolic link/u);
	t.deepEqual(await readdir(outside), [], 'nothing outside the download folder');
});

test('a symlinked <jobid>/<biobank> folder stops only that biobank’s results', async (t) => {
	const {jobId, run} = await readyJob(t, 1_800_200_100);
	const folder = await mkdtemp(join(scratch, 'downloads-'));
	const outside = await mkdtemp(join(scratch, 'outside-'));
	await mkdir(join(folder, jobId));
	await symlink(outside, join(folder, jobId, 'HUS'));
	const outcome = await run(folder);
	if (!(outcome instanceof ResultsSkipped)) throw new Error('the results were downloaded');
	t.deepEqual(
		outcome.skipped.map((file) => `${file.biobank}/${file.name}`),
		['HUS/result.txt'],
	);
	t.deepEqual(
		outcome.downloaded.map((file) => `${file.biobank}/${file.name}`),
		['FIMM/result.txt'],
	);
	t.is(await readFile(join(folder, jobId, 'FIMM', 'result.txt'), 'utf8'), 'result of FIMM\n');
	t.deepEqual(await readdir(outside), []);
});

test('results with unsafe names are skipped and named with the reason; the others arrive', async (t) => {
	const {jobId, run} = await readyJob(t, 1_800_200_200, {
		'back\\slash.txt': 'a Windows path\n',
		'a//b.txt': 'an empty folder name\n',
		'out/ok.txt': 'fine\n',
	});
	const folder = await mkdtemp(join(scratch, 'downloads-'));
	const outcome = await run(folder);
	if (!(outcome instanceof ResultsSkipped)) throw new Error('nothing was skipped');
	t.deepEqual(outcome.skipped.map((file) => file.name).sort(), ['a//b.txt', 'back\\slash.txt']);
	t.regex(outcome.message, /back\\slash\.txt: .*backslash/u);
	t.regex(outcome.message, /a\/\/b\.txt: .*empty/u);
	t.deepEqual(outcome.downloaded.map((file) => `${file.biobank}/${file.name}`).sort(), [
		'FIMM/result.txt',
		'HUS/out/ok.txt',
		'HUS/result.txt',
	]);
	t.is(await readFile(join(folder, jobId, 'HUS', 'out', 'ok.txt'), 'utf8'), 'fine\n');
});

test('under umask 000 the folders made are 0700 and the result files 0600', async (t) => {
	const {jobId, run} = await readyJob(t, 1_800_200_300);
	const folder = join(await mkdtemp(join(scratch, 'downloads-')), 'new', 'results');
	const outcome = await run(folder);
	t.false(outcome instanceof ResultsSkipped);
	const mode = async (path: string) => ((await lstat(path)).mode & 0o777).toString(8);
	for (const path of [folder, join(folder, jobId), join(folder, jobId, 'HUS')]) {
		t.is(await mode(path), '700', path);
	}
	for (const biobank of ['HUS', 'FIMM']) {
		const file = join(folder, jobId, biobank, 'result.txt');
		t.is(await mode(file), '600', file);
		t.true((await stat(file)).isFile());
	}
});
