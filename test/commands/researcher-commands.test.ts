import {mkdir, readFile, symlink, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {
	cancelDocument,
	claimDocument,
	deleteDocument,
	deliverDocument,
	errorDocument,
	jobsDocument,
	resultsDocument,
	showDocument,
	submitDocument,
} from '../../source/commands/json-shapes.js';
import {testServers} from '../helpers/servers.js';
import {cliHome, keystoneEnvironment, parsedJson} from '../helpers/run-cli.js';
import {tesSchema} from '../helpers/tes-schema.js';
import {keystoneStore, swiftContainer} from '../jobs/analyst/swift.js';

const servers = testServers();

/**
 * The built program against the real Swift and Keystone, as a researcher's and an analyst's
 * scripts run it: each with their own home, signing in from OS_PASSWORD, on a bucket of the
 * test's own.
 */
async function setup(t: ExecutionContext) {
	const bucket = await swiftContainer(t, 'commands', keystoneStore('requester'));
	const researcher = await cliHome(t, 'researcher');
	const analyst = await cliHome(t, 'analyst');
	const as =
		(person: typeof researcher, user: 'requester' | 'analyst') =>
		async (...args: string[]) =>
			person.ivjm([...args, '--store', 'swift', '--bucket', bucket], {
				env: keystoneEnvironment(servers.keystoneUrl, user),
			});
	const folder = join(researcher.home, 'work');
	await mkdir(folder, {recursive: true});
	return {
		bucket,
		folder,
		analystHome: analyst.home,
		requester: as(researcher, 'requester'),
		analyst: as(analyst, 'analyst'),
	};
}

/** A request file and one input, as a researcher writes them. */
async function request(folder: string, biobanks: string[]): Promise<string[]> {
	const task = join(folder, `request-${biobanks.join('-')}.json`);
	const input = join(folder, 'phenotypes.tsv');
	const instructions = join(folder, 'README.txt');
	await writeFile(input, 'trait\tvalue\nbmi\t1\n');
	await writeFile(instructions, 'Run score.R on phenotypes.tsv; write scores.tsv.\n');
	await writeFile(
		task,
		JSON.stringify({
			name: 'BMI scores',
			email: 'requester@example.org',
			biobanks,
			analysis: 'other',
			outputs: ['scores.tsv'],
			requirements: ['R 4'],
			resources: {cpuCores: 2, ramGb: 4, diskGb: 10, timeHours: 1},
			instructions,
		}),
	);
	return ['--task', task, '--input', input];
}

test('submit, jobs, show (and --tes), then an analyst claims and delivers, and results downloads verified', async (t) => {
	const {folder, analystHome, requester, analyst} = await setup(t);
	const submitted = await requester('submit', ...(await request(folder, ['HUS'])), '--json');
	t.is(submitted.code, 0, submitted.stderr);
	const {id, biobanks, uploads} = parsedJson(t, submitted, submitDocument);
	t.regex(id, /^\d+-requester$/u);
	t.deepEqual(biobanks, ['HUS']);
	t.true(
		uploads.some((key) => key.endsWith('phenotypes.tsv')),
		uploads.join(', '),
	);

	const jobs = parsedJson(t, await requester('jobs', '--json'), jobsDocument);
	t.is(jobs.user, 'requester');
	t.like(
		jobs.jobs.find((job) => job.id === id),
		{
			name: 'BMI scores',
			status: 'waiting',
			biobanks: [{biobank: 'HUS', status: 'waiting'}],
		},
	);

	const shown = parsedJson(t, await requester('show', id, '--json'), showDocument);
	t.is(shown.job.task?.email, 'requester@example.org');
	t.deepEqual(
		shown.job.task?.outputs.map((output) => output.path),
		['./scores.tsv'],
	);
	const noImage = await requester('show', id, '--tes', '--json');
	t.is(noImage.code, 1);
	t.regex(parsedJson(t, noImage, errorDocument).error.nextStep ?? '', /--image/u);
	const tes = await requester('show', id, '--tes', '--image', 'docker://rocker/r-ver:4');
	t.is(tes.code, 0, tes.stderr);
	const checked = tesSchema.safeParse(JSON.parse(tes.stdout));
	t.true(checked.success, JSON.stringify(checked.error?.issues));

	const work = join(analystHome, 'work');
	const claimed = await analyst('claim', id, '--biobank', 'HUS', '--dir', work, '--json');
	t.is(claimed.code, 0, claimed.stderr);
	t.like(parsedJson(t, claimed, claimDocument), {id, by: 'analyst', folder: join(work, id)});
	await writeFile(join(work, id, 'scores.tsv'), 'trait\tscore\nbmi\t0.5\n');
	const delivered = await analyst('deliver', id, '--biobank', 'HUS', '--dir', work, '--json');
	t.is(delivered.code, 0, delivered.stderr);
	t.is(parsedJson(t, delivered, deliverDocument).status, 'ready');

	const downloads = join(folder, 'downloads');
	const results = await requester('results', id, '--dir', downloads, '--json');
	t.is(results.code, 0, results.stderr);
	const [file, ...others] = parsedJson(t, results, resultsDocument).files;
	t.deepEqual(others, []);
	t.like(file, {biobank: 'HUS', name: 'scores.tsv', bytes: 20, skipped: false});
	t.is(
		await readFile(join(downloads, id, 'HUS', 'scores.tsv'), 'utf8'),
		'trait\tscore\nbmi\t0.5\n',
	);
	const again = parsedJson(
		t,
		await requester('results', id, '--dir', downloads, '--json'),
		resultsDocument,
	);
	t.true(again.files[0]?.skipped, 'a verified file is not downloaded again');

	// A symbolic link where HUS's folder goes: refused and named, with the exit of a failure.
	const linked = join(folder, 'linked');
	await mkdir(join(linked, id), {recursive: true});
	await symlink(join(folder, 'elsewhere'), join(linked, id, 'HUS'));
	const refused = await requester('results', id, '--dir', linked, '--json');
	t.is(refused.code, 1, refused.stderr);
	const document = parsedJson(t, refused, resultsDocument);
	t.deepEqual(document.files, []);
	t.like(document.refused[0], {biobank: 'HUS', name: 'scores.tsv'});
	t.regex(document.refused[0]?.reason ?? '', /symbolic link/u);
	const told = await requester('results', id, '--dir', linked);
	t.is(told.code, 1);
	t.regex(told.stdout, /HUS\/scores\.tsv\s+not downloaded: .*symbolic link/u);
	t.regex(told.stderr, /^ivjm: 1 result was not downloaded/mu);

	const piped = await requester('jobs');
	t.is(piped.code, 0, piped.stderr);
	const line = piped.stdout.split('\n').find((row) => row.startsWith(`${id}\t`));
	t.regex(line ?? '', new RegExp(`^${id}\\tready\\tother\\t\\S+Z\\tBMI scores\\tHUS:ready$`, 'u'));
});

test('cancel withdraws a job at every biobank not ready; delete asks for --yes, then removes it all', async (t) => {
	const {folder, requester} = await setup(t);
	const submitted = await requester('submit', ...(await request(folder, ['HUS', 'FIMM'])));
	t.is(submitted.code, 0, submitted.stderr);
	const id = submitted.stdout.trim();

	const cancelled = await requester('cancel', id, '--reason', 'wrong cohort', '--json');
	t.is(cancelled.code, 0, cancelled.stderr);
	t.deepEqual(parsedJson(t, cancelled, cancelDocument).cancelled.sort(), ['FIMM', 'HUS']);
	const shown = parsedJson(t, await requester('show', id, '--json'), showDocument);
	t.is(shown.job.status, 'cancelled');
	const marker = shown.job.biobanks[0]?.markers.find((each) => each.name === 'cancelled');
	t.like(marker, {by: 'requester', reason: 'wrong cohort'});
	t.regex(marker?.at ?? '', /Z$/u);

	const asked = await requester('delete', id, '--json');
	t.is(asked.code, 2);
	t.like(parsedJson(t, asked, errorDocument).error, {
		code: 'usage',
		nextStep: `Add --yes to do it: ivjm delete ${id} --yes`,
	});
	const deleted = await requester('delete', id, '--yes', '--json');
	t.is(deleted.code, 0, deleted.stderr);
	t.true(parsedJson(t, deleted, deleteDocument).deleted > 0);
	const gone = await requester('show', id, '--json');
	t.is(gone.code, 4, gone.stderr);
	t.is(parsedJson(t, gone, errorDocument).error.code, 'not-found');
	const jobs = parsedJson(t, await requester('jobs', '--json'), jobsDocument);
	t.false(jobs.jobs.some((job) => job.id === id));
});
