import test from 'ava';
import {
	builtInCatalogue,
	findAnalysisType,
	type AnalysisType,
} from '../../source/protocol/catalogue.js';
import {planNewTask, type NewTaskRequest} from '../../source/protocol/new-task.js';
import {readTask, writeTask} from '../../source/protocol/task.js';
import {fixtureText, jobFolder, jobId} from './fixture.js';

function analysis(id: string): AnalysisType {
	const type = findAnalysisType(builtInCatalogue, id);
	if (!type) throw new Error(`no analysis type ${id}`);
	return type;
}

const bucket = 'project_2004504-intervene-tasks';
const date = '2026-11-25T09:05:06.315+02:00';

// The answers the requester gave the Python tool in the fixture's run.
const fixtureRequest: NewTaskRequest = {
	jobId,
	bucket,
	name: 'e2e-test-task',
	requestor: 'requester@example.org',
	date,
	biobanks: ['HUS', 'FIMM'],
	analysis: analysis('other'),
	uploads: ['input1.txt'],
	instructionsFile: 'README_instructions.txt',
	outputs: ['result.txt'],
	requirements: ['singularity'],
};

test('an "other" job planned from the fixture\'s answers gives the Python tool\'s task.json documents', (t) => {
	const result = planNewTask(fixtureRequest);
	if (!result.ok) return t.fail(JSON.stringify(result.problems));
	const {plan} = result;
	for (const {biobank, task} of plan.biobankTasks) {
		const python = readTask(fixtureText(`${jobFolder}/${biobank}/task.json`));
		if (!python.ok) return t.fail(`${biobank} fixture does not parse`);
		t.deepEqual(task, {...python.task, date}, biobank);
	}

	t.deepEqual(
		plan.biobankTasks.map((entry) => entry.biobank),
		['HUS', 'FIMM'],
	);
	t.is(writeTask(plan.task), writeTask(plan.biobankTasks[1]?.task ?? plan.task));
	t.deepEqual(plan.uploads, [
		{file: 'input1.txt', key: `${jobFolder}/input/input1.txt`},
		{file: 'README_instructions.txt', key: `${jobFolder}/input/README_instructions.txt`},
	]);
});

test('a prspipe job takes its inputs, instructions and resources from the catalogue', (t) => {
	const result = planNewTask({
		jobId,
		bucket,
		name: 'test',
		requestor: 'r@example.org',
		date,
		biobanks: ['HUNT'],
		analysis: analysis('prspipe'),
	});
	if (!result.ok) return t.fail(JSON.stringify(result.problems));
	const {task} = result.plan;
	t.is(task.description, 'Predefined PRSPIPE functionality test.');
	t.deepEqual(task.inputs, [
		{
			name: 'infile',
			description: 'tar-package containing all data needed',
			bucket: '2004504-prspipe',
			object: 'prspipe_8.7.22.tar',
			path: './prspipe_8.7.22.tar',
			type: 'FILE',
		},
	]);
	t.deepEqual(task.outputs, [
		{
			bucket,
			object: `${jobFolder}/HUNT/results/prspipe_results.zip`,
			path: './prspipe_results.zip',
		},
	]);
	t.deepEqual(task.instructions, [{bucket: '2004504-prspipe', object: 'prspipe_README.md'}]);
	t.deepEqual(task.requirements, ['singularity']);
	t.deepEqual(task.resources, {
		cpuCores: 4,
		ramGb: 8,
		diskGb: 100,
		timeHours: 2,
		preemptible: false,
	});
	t.deepEqual(result.plan.uploads, []);
});

test("a pgsc_calc job adds the requester's one input file after the pipeline tarball", (t) => {
	const result = planNewTask({
		jobId,
		bucket,
		name: 'pgs',
		requestor: 'r@example.org',
		date,
		biobanks: ['HUS'],
		analysis: analysis('pgsc_calc'),
		uploads: ['cohort.txt'],
	});
	if (!result.ok) return t.fail(JSON.stringify(result.problems));
	t.deepEqual(
		result.plan.task.inputs.map((input) => [input.bucket, input.object, input.path]),
		[
			['2004504-pgsc_calc', 'pgsc_calc_7.10.22.tar', './pgsc_calc_7.10.22.tar'],
			[bucket, `${jobFolder}/input/cohort.txt`, 'cohort.txt'],
		],
	);
	t.deepEqual(result.plan.task.requirements, ['singularity', 'nextflow']);
});

test('a request that cannot become a valid job gets every problem at once', (t) => {
	const result = planNewTask({
		...fixtureRequest,
		analysis: analysis('pgsc_calc'),
		uploads: ['a.txt', '../b.txt', 'a.txt'],
		biobanks: ['HUS', 'HUS', 'x/y'],
	});
	t.deepEqual(
		result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`),
		[
			'uploads: pgsc_calc takes 1 input files, not 3',
			'uploads[1]: The path climbs out of the job folder with "..".',
			'uploads[2]: repeats a.txt',
			'biobanks[2]: The biobank "x/y" contains "/", which separates folders.',
			'biobanks[1]: repeats HUS',
		],
	);
});

test('an "other" job needs outputs, an instructions file and biobanks', (t) => {
	const result = planNewTask({
		...fixtureRequest,
		outputs: [],
		instructionsFile: undefined,
		biobanks: [],
	});
	t.deepEqual(result.ok ? [] : result.problems.map((problem) => problem.path), [
		'outputs',
		'instructionsFile',
		'biobanks',
	]);
});

test('a job id that is not one is refused', (t) => {
	const result = planNewTask({...fixtureRequest, jobId: 'tomorrow'});
	t.deepEqual(result, {
		ok: false,
		problems: [{path: 'jobId', message: 'is not of the form <unix-seconds>-<user>'}],
	});
});

test('an upload given as a path rather than a file name is refused', (t) => {
	const result = planNewTask({...fixtureRequest, uploads: ['dir/input1.txt']});
	t.deepEqual(result.ok ? [] : result.problems, [
		{path: 'uploads[0]', message: 'must be a file name, not the path dir/input1.txt'},
	]);
});

test('a user name the Python tools cannot follow is refused before anything is written', (t) => {
	for (const user of ["o'brien", 'jäger', 'a+b']) {
		const result = planNewTask({...fixtureRequest, jobId: `1795600000-${user}`});
		t.false(result.ok, user);
		if (!result.ok) t.regex(result.problems[0]?.message ?? '', /would break the Python tools/u);
	}
});

test('a task name, e-mail or requirement with a control character is refused by field', (t) => {
	const result = planNewTask({
		...fixtureRequest,
		name: 'BMI \u001B]0;title\u0007',
		requestor: 'a@b.org\r\nBcc: x',
		requirements: ['singularity', 'x\u202Eexe'],
	});
	t.false(result.ok);
	if (result.ok) return;
	const byPath = Object.fromEntries(
		result.problems.map((problem) => [problem.path, problem.message]),
	);
	t.regex(byPath['name'] ?? '', /the task name contains a control character \(U\+001B ESC/u);
	t.regex(byPath['requestor'] ?? '', /the e-mail contains .*U\+000D carriage return/u);
	t.regex(byPath['requirements[1]'] ?? '', /U\+202E right-to-left override/u);
	t.is(byPath['requirements[0]'], undefined);
});
