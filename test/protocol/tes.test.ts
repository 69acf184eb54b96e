import test from 'ava';
import {readTask, type Task} from '../../source/protocol/task.js';
import {toTesTask} from '../../source/protocol/tes.js';
import {fixtureText, jobFolder, jobId} from './fixture.js';
import {tesSchema} from '../helpers/tes-schema.js';

const fixture = readTask(fixtureText(`${jobFolder}/task.json`));
function fixtureTask(): Task {
	if (!fixture.ok) throw new Error('the fixture task does not parse');
	return fixture.task;
}

const withContainer = (): Task => {
	const task = fixtureTask();
	return {
		...task,
		inputs: [
			...task.inputs,
			{
				name: 'tool.sif',
				description: 'container',
				bucket: 'b',
				object: `${jobFolder}/input/tool.sif`,
				path: 'tool.sif',
				type: 'FILE',
			},
		],
	};
};

test('a job with a Singularity container becomes a TES task that has every required field', (t) => {
	const result = toTesTask(withContainer(), {biobank: 'HUS'});
	if (!result.ok) return t.fail(result.reason);
	t.true(
		tesSchema.safeParse(result.tes).success,
		JSON.stringify(tesSchema.safeParse(result.tes).error?.issues),
	);
	t.deepEqual(result.tes.executors, [
		{
			image: '/data/tool.sif',
			command: ['cat', '/data/instructions/README_instructions.txt'],
			workdir: '/data',
		},
	]);
	t.deepEqual(
		result.tes.inputs.map((input) => [input.url, input.path]),
		[
			[`swift://project_2004504-intervene-tasks/${jobFolder}/input/input1.txt`, '/data/input1.txt'],
			[`swift://b/${jobFolder}/input/tool.sif`, '/data/tool.sif'],
			[
				`swift://project_2004504-intervene-tasks/${jobFolder}/input/README_instructions.txt`,
				'/data/instructions/README_instructions.txt',
			],
		],
	);
	t.deepEqual(result.tes.outputs, [
		{
			url: `swift://project_2004504-intervene-tasks/${jobFolder}/HUS/results/result.txt`,
			path: '/data/result.txt',
			type: 'FILE',
		},
	]);
	t.deepEqual(result.tes.resources, {cpu_cores: 1, ram_gb: 2, disk_gb: 20, preemptible: false});
	t.deepEqual(result.tes.tags, {
		intervene_job_id: jobId,
		intervene_biobank: 'HUS',
		intervene_requester: 'requester',
		time_hours: '1',
	});
});

test('a docker:// input names the image and is not downloaded', (t) => {
	const task = fixtureTask();
	const result = toTesTask(
		{
			...task,
			inputs: [
				...task.inputs,
				{
					name: 'docker://ghcr.io/pgscatalog/pgsc_calc:v2',
					description: '',
					bucket: 'b',
					object: 'unused',
					path: 'image',
					type: 'FILE',
				},
			],
		},
		{biobank: 'FIMM', command: ['nextflow', 'run', 'main.nf'], workdir: '/work/'},
	);
	if (!result.ok) return t.fail(result.reason);
	t.true(tesSchema.safeParse(result.tes).success);
	t.deepEqual(result.tes.executors, [
		{
			image: 'ghcr.io/pgscatalog/pgsc_calc:v2',
			command: ['nextflow', 'run', 'main.nf'],
			workdir: '/work',
		},
	]);
	t.false(result.tes.inputs.some((input) => input.url.includes('unused')));
});

test('a job that names no container is not exported unless an image is given', (t) => {
	const result = toTesTask(fixtureTask(), {biobank: 'HUS'});
	t.false(result.ok);
	if (!result.ok) t.regex(result.reason, /names no container/);
	const given = toTesTask(fixtureTask(), {
		biobank: 'HUS',
		image: 'ubuntu:24.04',
		objectUrl: (location) => `s3://${location.bucket}/${location.object}`,
	});
	if (!given.ok) return t.fail(given.reason);
	t.true(tesSchema.safeParse(given.tes).success);
	t.is(given.tes.executors[0]?.image, 'ubuntu:24.04');
	t.true(given.tes.inputs.every((input) => input.url.startsWith('s3://')));
});

test('an unsafe path in a hand-made task stops the export', (t) => {
	const task = withContainer();
	const result = toTesTask(
		{...task, outputs: [{bucket: 'b', object: 'o', path: '../escape'}]},
		{biobank: 'HUS'},
	);
	t.deepEqual(result, {
		ok: false,
		reason: 'The output ../escape: The path climbs out of the job folder with "..".',
	});
});
