import {lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import test from 'ava';
import {InvalidJob, UnsafeJobPath} from '../../source/jobs/analyst/analyst-errors.js';
import type {JobError} from '../../source/jobs/job-error.js';
import {claimAndDownload} from '../../source/jobs/analyst/download-job.js';
import {loadInbox} from '../../source/jobs/analyst/load-inbox.js';
import {systemClock} from '../../source/jobs/clock.js';
import {
	biobankTaskKey,
	formatProblem,
	markerKey,
	requestKey,
	taskContentType,
} from '../../source/protocol/index.js';
import {NotFound} from '../../source/storage/errors/index.js';
import {fixtureText} from '../protocol/fixture.js';
import {caches, seedJob, seedRawJob} from '../jobs/analyst/seed.js';
import {swiftContainer, tempauthStore} from '../jobs/analyst/swift.js';
import {
	analystSession,
	frameWhen,
	renderInbox,
	renderInstructions,
} from '../ui/analyst/render-analyst.js';

// Every task.json here is written by a hostile or careless requester, on the real Swift. Each
// case says what the analyst sees (in the inbox row or the job view) and what a claim does; after
// all of them, nothing exists outside the job folders and the rest of the inbox still works.
const swift = tempauthStore();
test.after.always(async () => swift.store.close());

type Task = Record<string, unknown> & {
	inputs: Array<Record<string, unknown>>;
	outputs?: Array<Record<string, unknown>>;
	instructions: Array<Record<string, unknown>>;
	resources: unknown;
};

type Case = {
	name: string;
	/** Changes the fixture's task (made the job's own), or gives the whole text. */
	patch?: (task: Task, context: {jobId: string; folder: string; root: string}) => void;
	text?: (jobId: string) => string;
	/** The problem the inbox row and the job view show; none when the task itself is fine. */
	row?: RegExp;
	/** What a claim does: refused with this error, or `downloads` (safely, inside the job folder). */
	claim: {instanceOf: new (...args: never[]) => JobError; message: RegExp} | 'downloads';
	/** Something the analyst's machine already has (a planted link). */
	plant?: (jobFolder: string, root: string) => Promise<void>;
	instructions?: string;
};

const cases: Case[] = [
	{
		name: '".." in an input path',
		patch: (task) => (task.inputs[0]!.path = '../../.bashrc'),
		row: /inputs\[0\]\.path: The path climbs out of the job folder with "\.\."/,
		claim: {
			instanceOf: InvalidJob,
			message: /inputs\[0\]\.path: The path climbs out of the job folder/,
		},
	},
	{
		name: 'an absolute input path',
		patch: (task, {root}) => (task.inputs[0]!.path = join(root, 'pwned.txt')),
		row: /inputs\[0\]\.path: The path is absolute: it must be relative to the job folder/,
		claim: {instanceOf: InvalidJob, message: /The path is absolute/},
	},
	{
		name: '".." in an output path',
		patch: (task) => (task.outputs![0]!.path = './../../result.txt'),
		row: /outputs\[0\]\.path: The path climbs out of the job folder/,
		claim: {instanceOf: InvalidJob, message: /outputs\[0\]\.path: The path climbs out/},
	},
	{
		name: '".." in an input object name',
		patch: (task, {folder}) => {
			task.inputs[0]!.object = `${folder}/input/../../../../etc/input1.txt`;
			delete task.inputs[0]!.url;
		},
		claim: 'downloads',
	},
	{
		name: 'an instructions object named ".."',
		patch: (task, {folder}) =>
			(task.instructions = [{bucket: task.inputs[0]!.bucket, object: `${folder}/input/..`}]),
		row: /\.\.: The path climbs out of the job folder/,
		claim: {
			instanceOf: UnsafeJobPath,
			message: /stopped, nothing was written: "\.\.": The path climbs out/,
		},
	},
	{
		name: 'an absolute instructions object',
		patch: (task) =>
			(task.instructions = [{bucket: task.inputs[0]!.bucket, object: '/etc/passwd'}]),
		claim: {instanceOf: InvalidJob, message: /passwd: is missing from storage/},
	},
	{
		name: 'a symbolic link planted in the job folder',
		plant: async (jobFolder, root) => {
			await mkdir(jobFolder, {recursive: true});
			await symlink(join(root, 'outside', 'sentinel.txt'), join(jobFolder, 'input1.txt'));
		},
		claim: {
			instanceOf: UnsafeJobPath,
			message: /input1\.txt in the job folder is a symbolic link; it is not followed/,
		},
	},
	{
		name: 'a 10 MB string field',
		patch: (task) => (task.name = 'A'.repeat(10 * 1024 * 1024)),
		row: /task\.json is \d+ bytes; a job description is at most 1048576 bytes, so it was not read/,
		claim: {instanceOf: InvalidJob, message: /at most 1048576 bytes/},
	},
	{
		name: 'invalid JSON',
		text: (jobId) => `{"ID": "${jobId}", "name": "unfinished`,
		row: /task\.json is not valid JSON/,
		claim: {instanceOf: InvalidJob, message: /task\.json is not valid JSON/},
	},
	{
		name: 'wrong types',
		patch: (task) => {
			task.resources = {cpuCores: 'lots', ramGb: 2, diskGb: 20, timeHours: 1, preemptible: false};
			task.inputs = 'everything' as unknown as Task['inputs'];
			task.biobanks = 7;
		},
		row: /biobanks: must be a list, not number 7/,
		claim: {
			instanceOf: InvalidJob,
			message: /resources\.cpuCores: must be a number, not the text "lots"; inputs: must be a list/,
		},
	},
	{
		name: 'missing fields',
		patch: (task) => {
			delete task.name;
			delete task.outputs;
		},
		row: /name: is missing/,
		claim: {instanceOf: InvalidJob, message: /name: is missing; outputs: is missing/},
	},
	{
		name: 'an instructions file full of terminal escape sequences',
		instructions:
			'Step 1\u001B[2J\u001B[H\u001B]0;owned\u0007\u001B[6n\u009B31m\u001BP+q544e\u001B\\ done\n',
		claim: 'downloads',
	},
];

async function walk(root: string, skip: string): Promise<string[]> {
	const found: string[] = [];
	const visit = async (folder: string) => {
		for (const entry of await readdir(folder, {withFileTypes: true})) {
			const path = join(folder, entry.name);
			if (path === skip) continue;
			if (entry.isDirectory()) await visit(path);
			else found.push(relative(root, path) + (entry.isSymbolicLink() ? ' (link)' : ''));
		}
	};

	await visit(root);
	return found.sort();
}

test('hostile task.json files on Swift: each says what is wrong, writes nothing outside its folder, and the inbox goes on', async (t) => {
	t.timeout(180_000);
	const {store} = swift;
	const container = await swiftContainer(t, 'analyst-hostile', swift);
	const root = await mkdtemp(join(tmpdir(), 'ivjm-hostile-'));
	t.teardown(() => rm(root, {recursive: true, force: true}));
	await mkdir(join(root, 'outside'));
	await writeFile(join(root, 'outside', 'sentinel.txt'), 'the analyst own file\n');
	const work = join(root, 'work');
	const journals = join(root, 'journals');
	const fixture = fixtureText('jobs/requester/1795597505-requester/HUS/task.json');

	const good = await seedJob(
		store,
		{seconds: 1_700_000_000, name: 'a fair request', biobanks: ['HUS']},
		container,
	);
	const ids = new Map<Case, string>();
	for (const [index, hostile] of cases.entries()) {
		const jobId = `${1_700_000_100 + index}-mallory`;
		ids.set(hostile, jobId);
		const folder = `jobs/mallory/${jobId}`;
		const task = JSON.parse(
			fixture
				.replaceAll('jobs/requester/1795597505-requester', folder)
				.replaceAll('1795597505-requester', jobId)
				.replaceAll('"csc-user": "requester"', '"csc-user": "mallory"')
				.replaceAll('project_2004504-intervene-tasks', container),
		) as Task;
		task.name = hostile.name;
		hostile.patch?.(task, {jobId, folder, root});
		await seedRawJob(store, {
			jobId,
			container,
			taskText: hostile.text?.(jobId) ?? JSON.stringify(task, null, 2),
			objects: {
				[`${folder}/input/input1.txt`]: 'small input\n',
				[`${folder}/input/../../../../etc/input1.txt`]: 'an object with dots in its name\n',
				[`${folder}/input/..`]: 'an object called ..\n',
				[`${folder}/input/README_instructions.txt`]: hostile.instructions ?? 'cat input1.txt\n',
			},
		});
	}

	// A forged inbox note, too: it points at the fair job's task.
	await store.put(
		{container, key: requestKey('HUS', '1700000999-mallory')},
		biobankTaskKey(good, 'HUS'),
		{
			contentType: taskContentType,
		},
	);

	const inbox = await loadInbox(store, container, 'HUS', caches());
	t.is(inbox.jobs.length, cases.length + 2);
	const fair = inbox.jobs.find((job) => job.jobId === good);
	t.like(fair, {status: 'waiting', claimable: true, problems: undefined});
	t.regex(
		inbox.jobs.find((job) => job.jobId === '1700000999-mallory')?.problems?.[0]?.message ?? '',
		/points at job/,
	);
	for (const hostile of cases) {
		const job = inbox.jobs.find((candidate) => candidate.jobId === ids.get(hostile));
		const problems = (job?.problems ?? []).map(formatProblem).join('; ');
		if (hostile.row) t.regex(problems, hostile.row, `${hostile.name}: the row says what is wrong`);
		else t.is(problems, '', `${hostile.name}: the task itself is readable`);
	}

	for (const hostile of cases) {
		const jobId = ids.get(hostile) ?? '';
		await hostile.plant?.(join(work, jobId), root);
		const claim = claimAndDownload(store, container, systemClock, {
			jobId,
			biobank: 'HUS',
			analyst: 'lvirtanen',
			workFolder: work,
			caches: caches(),
			settleMs: 200,
			journalFolder: journals,
		});
		if (hostile.claim === 'downloads') {
			const result = await claim;
			t.true(
				result.files.every((file) => file.result.path.startsWith(join(work, jobId) + '/')),
				hostile.name,
			);
			continue;
		}

		await t.throwsAsync(claim, hostile.claim, hostile.name);
		await t.throwsAsync(
			store.head({container, key: markerKey(jobId, 'HUS', 'processing')}),
			{instanceOf: NotFound},
			`${hostile.name}: not claimed`,
		);
	}

	// The rest of the inbox works: the fair job is claimed and downloaded.
	const fairClaim = await claimAndDownload(store, container, systemClock, {
		jobId: good,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		workFolder: work,
		caches: caches(),
		settleMs: 200,
		journalFolder: journals,
	});
	t.is(fairClaim.files.length, 2);

	const id = (name: string) =>
		ids.get(cases.find((hostile) => hostile.name.startsWith(name)) as Case);
	t.deepEqual(
		await walk(root, journals),
		[
			'outside/sentinel.txt',
			`work/${good}/README_instructions.txt`,
			`work/${good}/input1.txt`,
			`work/${id('".." in an input object')}/README_instructions.txt`,
			`work/${id('".." in an input object')}/input1.txt`,
			`work/${id('a symbolic link')}/input1.txt (link)`,
			`work/${id('an instructions file full')}/README_instructions.txt`,
			`work/${id('an instructions file full')}/input1.txt`,
		].sort(),
	);
	t.is(await readFile(join(root, 'outside', 'sentinel.txt'), 'utf8'), 'the analyst own file\n');
	t.is(
		await readFile(join(work, id('".." in an input object') ?? '', 'input1.txt'), 'utf8'),
		'an object with dots in its name\n',
	);
	await t.throwsAsync(lstat(join(root, 'pwned.txt')), {code: 'ENOENT'});

	// What the analyst sees of the escape sequences: stand-ins, in the pager and in the table.
	const session = analystSession(store, 'lvirtanen', container);
	const escapes = cases.find((hostile) => hostile.instructions) as Case;
	const escapesJob = inbox.jobs.find((job) => job.jobId === ids.get(escapes));
	const pager = renderInstructions(session, escapesJob?.instructions ?? []);
	const page = await frameWhen(pager.lastFrame, (text) => text.includes('done'));
	pager.unmount();
	t.true(page.includes('Step 1␛[2J␛[H␛]0;owned␇␛[6n�31m␛P+q544e␛\\ done'), page);
	t.false(page.includes('\u001B'));
	const table = renderInbox(session, 'HUS');
	const rows = await frameWhen(table.lastFrame, (text) => text.includes('a fair request'));
	table.unmount();
	t.false(rows.includes('\u001B'));
	t.regex(rows, /invalid task/);
});
