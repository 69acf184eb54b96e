import test from 'ava';
import {planDownload} from '../../source/jobs/analyst/download-plan.js';
import {
	encryptableUploads,
	encryptPlanInputs,
	isEncryptedInput,
} from '../../source/protocol/encrypted-inputs.js';
import {builtInCatalogue, findAnalysisType} from '../../source/protocol/catalogue.js';
import {planNewTask, type NewTaskPlan} from '../../source/protocol/new-task.js';
import {readTask, writeTask, type Task} from '../../source/protocol/task.js';

const jobId = '1800000000-jdoe';
const prefix = `jobs/jdoe/${jobId}/input/`;
const fingerprints = {
	HUS: `SHA256:${'A'.repeat(43)}`,
	FIMM: `SHA256:${'B'.repeat(43)}`,
};

function planOther(): NewTaskPlan {
	const planned = planNewTask({
		jobId,
		bucket: 'b',
		name: 'scores',
		requestor: 'jdoe@example.org',
		date: '2027-01-15T08:00:00+00:00',
		biobanks: ['HUS', 'FIMM'],
		analysis: findAnalysisType(builtInCatalogue, 'other')!,
		uploads: ['input.txt', 'tool.sif'],
		instructionsFile: 'README.txt',
		outputs: ['scores.txt'],
	});
	if (!planned.ok) throw new Error('the request was refused');
	return planned.plan;
}

test('the uploaded inputs go as .c4gh objects, the instructions as they are', (t) => {
	const plan = planOther();
	t.deepEqual([...encryptableUploads(plan)], [`${prefix}input.txt`, `${prefix}tool.sif`]);
	const encrypted = encryptPlanInputs(plan, fingerprints);
	t.deepEqual(encrypted.uploads, [
		{file: 'input.txt', key: `${prefix}input.txt.c4gh`, encrypted: true},
		{file: 'tool.sif', key: `${prefix}tool.sif.c4gh`, encrypted: true},
		{file: 'README.txt', key: `${prefix}README.txt`},
	]);
	for (const task of [encrypted.task, ...encrypted.biobankTasks.map((entry) => entry.task)]) {
		t.deepEqual(
			task.inputs.map((input) => [input.name, input.object, input.path, isEncryptedInput(input)]),
			[
				['input.txt', `${prefix}input.txt.c4gh`, 'input.txt.c4gh', true],
				['tool.sif', `${prefix}tool.sif.c4gh`, 'tool.sif.c4gh', true],
			],
		);
		t.deepEqual(task.instructions, plan.task.instructions);
	}
	t.deepEqual(
		encrypted.biobankTasks.map((entry) => entry.task.outputs),
		plan.biobankTasks.map((entry) => entry.task.outputs),
	);
});

test('task.json keeps the fields the Python tools read, and one more they ignore, read back as written', (t) => {
	const task = encryptPlanInputs(planOther(), fingerprints).task;
	const wire = JSON.parse(writeTask(task)) as {inputs: Array<Record<string, unknown>>};
	t.deepEqual(wire.inputs[0], {
		name: 'input.txt',
		description: task.inputs[0]!.description,
		bucket: 'b',
		object: `${prefix}input.txt.c4gh`,
		url: `b/${prefix}input.txt.c4gh`,
		path: 'input.txt.c4gh',
		type: 'FILE',
		encryption: {format: 'crypt4gh', recipients: fingerprints},
	});
	const read = readTask(writeTask(task), {jobId});
	t.true(read.ok);
	if (read.ok) {
		t.deepEqual(read.repairs, []);
		t.true(read.task.inputs.every((input) => isEncryptedInput(input)));
	}
});

test('the analyst plan decrypts marked inputs to their name without .c4gh, and only those', (t) => {
	const task = encryptPlanInputs(planOther(), fingerprints).biobankTasks[0]!.task;
	const plan = planDownload(task);
	t.true(plan.ok);
	if (!plan.ok) return;
	t.deepEqual(
		plan.files.map((file) => [file.relative, file.encrypted, file.ref.key]),
		[
			['input.txt', true, `${prefix}input.txt.c4gh`],
			['tool.sif', true, `${prefix}tool.sif.c4gh`],
			['README.txt', false, `${prefix}README.txt`],
		],
	);
	// A .c4gh file the requester uploaded as it is (no note) is fetched as it is.
	const unmarked: Task = {
		...task,
		inputs: task.inputs.map((input) => ({...input, extra: undefined})),
	};
	const plain = planDownload(unmarked);
	t.true(plain.ok && plain.files.every((file) => !file.encrypted));
	t.deepEqual(plain.ok && plain.files.map((file) => file.relative), [
		'input.txt.c4gh',
		'tool.sif.c4gh',
		'README.txt',
	]);
});

test('an encrypted input whose .c4gh would land on another input is refused before anything', (t) => {
	const task = encryptPlanInputs(planOther(), fingerprints).biobankTasks[0]!.task;
	const clash: Task = {
		...task,
		inputs: [
			...task.inputs,
			{
				...task.inputs[1]!,
				name: 'other',
				object: `${prefix}other`,
				path: 'input.txt.c4gh',
				extra: undefined,
			},
		],
	};
	t.like(planDownload(clash), {ok: false, path: 'input.txt.c4gh'});
});
