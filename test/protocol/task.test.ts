import {isDeepStrictEqual} from 'node:util';
import test from 'ava';
import fc from 'fast-check';
import {outputsFor} from '../../source/protocol/biobank-task.js';
import {
	InvalidTask,
	readTask,
	taskContentType,
	writeTask,
	type Task,
} from '../../source/protocol/task.js';
import {fixtureText, jobFolder, jobId} from './fixture.js';

const commonText = fixtureText(`${jobFolder}/task.json`);
const common = JSON.parse(commonText) as Record<string, unknown>;

/** The fixture's common task.json with some fields replaced (undefined removes a field). */
function variant(changes: Record<string, unknown>): string {
	const copy: Record<string, unknown> = {...common};
	for (const [key, value] of Object.entries(changes)) {
		if (value === undefined) delete copy[key];
		else copy[key] = value;
	}

	return JSON.stringify(copy, null, 2);
}

function readOk(text: string) {
	const result = readTask(text);
	if (!result.ok) throw new Error(`expected a task, got ${JSON.stringify(result.problems)}`);
	return result;
}

const input = (changes: Record<string, unknown>) => ({
	name: 'data.txt',
	description: 'input provided by requestor',
	bucket: 'project_2004504-intervene-tasks',
	object: `${jobFolder}/input/data.txt`,
	url: `project_2004504-intervene-tasks/${jobFolder}/input/data.txt`,
	path: 'data.txt',
	type: 'FILE',
	...changes,
});

test('every task.json the Python tools wrote parses', (t) => {
	for (const key of [
		`${jobFolder}/task.json`,
		`${jobFolder}/HUS/task.json`,
		`${jobFolder}/FIMM/task.json`,
	]) {
		const result = readTask(fixtureText(key), {jobId});
		t.true(result.ok, key);
		if (result.ok) {
			t.is(result.task.id, jobId);
			t.deepEqual(result.task.biobanks, ['HUS', 'FIMM']);
			t.deepEqual(result.repairs, []);
		}
	}
});

test('the fixture task reads as the fields it holds', (t) => {
	const {task} = readOk(commonText);
	t.deepEqual(task, {
		id: jobId,
		name: 'e2e-test-task',
		description: 'User specified task',
		cscUser: 'requester',
		requestor: 'requester@example.org',
		date: '2026-11-25 09:05:06.356236',
		biobanks: ['HUS', 'FIMM'],
		requirements: ['singularity'],
		resources: {cpuCores: 1, ramGb: 2, diskGb: 20, timeHours: 1, preemptible: false},
		storageServer: 'allas',
		inputs: [
			{
				name: 'input1.txt',
				description: 'input provided by requestor',
				bucket: 'project_2004504-intervene-tasks',
				object: `${jobFolder}/input/input1.txt`,
				path: 'input1.txt',
				type: 'FILE',
			},
		],
		outputs: [
			{
				bucket: 'project_2004504-intervene-tasks',
				object: `${jobFolder}/FIMM/results/result.txt`,
				path: './result.txt',
			},
		],
		instructions: [
			{
				bucket: 'project_2004504-intervene-tasks',
				object: `${jobFolder}/input/README_instructions.txt`,
			},
		],
	});
});

test("a common task.json with another biobank's outputs still parses, and each biobank gets its own result keys", (t) => {
	const {task} = readOk(commonText);
	t.is(task.outputs[0]?.object, `${jobFolder}/FIMM/results/result.txt`);
	t.is(outputsFor(task, 'HUS')[0]?.object, `${jobFolder}/HUS/results/result.txt`);
	t.is(outputsFor(task, 'FIMM')[0]?.object, `${jobFolder}/FIMM/results/result.txt`);
});

test('resources as an object or as a one-element list read the same', (t) => {
	const resources = {cpuCores: 4, ramGb: 8, diskGb: 100, timeHours: 2, preemptible: false};
	t.deepEqual(readOk(variant({resources})).task.resources, resources);
	t.deepEqual(readOk(variant({resources: [resources]})).task.resources, resources);
});

test('numbers and booleans typed in as strings are read as numbers and booleans', (t) => {
	const {task} = readOk(
		variant({
			resources: [
				{cpuCores: '4', ramGb: ' 16 ', diskGb: '100.5', timeHours: '2', preemptible: 'True'},
			],
		}),
	);
	t.deepEqual(task.resources, {
		cpuCores: 4,
		ramGb: 16,
		diskGb: 100.5,
		timeHours: 2,
		preemptible: true,
	});
});

test('the empty requirement that ends the Python prompt loop is dropped', (t) => {
	t.deepEqual(readOk(variant({requirements: ['singularity', 'nextflow', '']})).task.requirements, [
		'singularity',
		'nextflow',
	]);
	t.deepEqual(readOk(variant({requirements: ['']})).task.requirements, []);
});

test('a leading slash on url, object and instruction object is dropped', (t) => {
	const {task, repairs} = readOk(
		variant({
			inputs: [
				input({
					object: `/${jobFolder}/input/data.txt`,
					url: `/project_2004504-intervene-tasks/${jobFolder}/input/data.txt`,
				}),
			],
			instructions: [{bucket: '2004504-prspipe', object: '/prspipe_README.md'}],
		}),
	);
	t.is(task.inputs[0]?.object, `${jobFolder}/input/data.txt`);
	t.deepEqual(task.instructions, [{bucket: '2004504-prspipe', object: 'prspipe_README.md'}]);
	t.deepEqual(repairs, []);
});

test('the pgsc_calc object typo is mended from its url, which names the real file', (t) => {
	const {task, repairs} = readOk(
		variant({
			inputs: [
				{
					name: 'pgsc_calc_7.10.22.tar',
					description: 'tar-package containing pgsc_calc',
					bucket: '2004504-pgsc_calc',
					object: 'gsc_calc_7.10.22.tar',
					url: '/2004504-pgsc_calc/pgsc_calc_7.10.22.tar',
					path: './pgsc_calc_7.10.22.tar',
					type: 'FILE',
				},
			],
		}),
	);
	t.like(task.inputs[0], {bucket: '2004504-pgsc_calc', object: 'pgsc_calc_7.10.22.tar'});
	t.deepEqual(repairs, [
		{
			path: 'inputs[0].object',
			message: 'was gsc_calc_7.10.22.tar; the url names pgsc_calc_7.10.22.tar',
		},
	]);
});

test('an object missing the slash after input/ is mended, from the url or alone', (t) => {
	const slipped = `${jobFolder}/inputdata.txt`;
	const fromUrl = readOk(variant({inputs: [input({object: slipped})]}));
	t.is(fromUrl.task.inputs[0]?.object, `${jobFolder}/input/data.txt`);
	t.deepEqual(
		fromUrl.repairs.map((r) => r.path),
		['inputs[0].object'],
	);

	const alone = readOk(variant({inputs: [input({object: slipped, url: undefined})]}));
	t.is(alone.task.inputs[0]?.object, `${jobFolder}/input/data.txt`);
	t.deepEqual(alone.repairs, [
		{path: 'inputs[0].object', message: `was ${slipped}; a "/" was missing`},
	]);
});

test('a missing url is derived, a missing input type is FILE and a missing description is empty', (t) => {
	const {task} = readOk(
		variant({inputs: [input({url: undefined, type: undefined, description: undefined})]}),
	);
	t.like(task.inputs[0], {
		bucket: 'project_2004504-intervene-tasks',
		object: `${jobFolder}/input/data.txt`,
		type: 'FILE',
		description: '',
	});
	t.regex(
		writeTask(task),
		/"url": "project_2004504-intervene-tasks\/jobs\/requester\/1795597505-requester\/input\/data.txt"/,
	);
});

test('unknown fields are kept at every level and written back after ours', (t) => {
	const text = variant({
		checksum: {algorithm: 'sha256'},
		resources: [{cpuCores: 1, ramGb: 2, diskGb: 20, timeHours: 1, preemptible: false, gpus: 1}],
		inputs: [input({sha256: 'ab12'})],
		outputs: [{bucket: 'b', object: 'o', url: 'b/o', path: './o', keep: true}],
		instructions: [{bucket: 'b', object: 'README.md', format: 'markdown'}],
	});
	const {task} = readOk(text);
	t.deepEqual(task.extra, {checksum: {algorithm: 'sha256'}});
	t.deepEqual(task.resources.extra, {gpus: 1});
	t.deepEqual(task.inputs[0]?.extra, {sha256: 'ab12'});
	t.deepEqual(task.outputs[0]?.extra, {keep: true});
	t.deepEqual(task.instructions[0]?.extra, {format: 'markdown'});
	const written = writeTask(task);
	t.deepEqual(readOk(written).task, task);
	t.true(written.indexOf('"instructions"') < written.indexOf('"checksum"'));
	t.regex(written, /"preemptible": false,\n {4}"gpus": 1\n/);
});

test('a __proto__ field in a task.json pollutes nothing', (t) => {
	const {task} = readOk(commonText.replace('"ID"', '"__proto__": {"polluted": true}, "ID"'));
	t.is(Object.getPrototypeOf(task), Object.prototype);
	t.is((task as unknown as Record<string, unknown>)['polluted'], undefined);
	t.is(({} as Record<string, unknown>)['polluted'], undefined);
});

const refusals: Array<[string, string, Array<{path: string; message: RegExp}>]> = [
	['text that is not JSON', '{"ID": ', [{path: '', message: /not valid JSON/}]],
	['a JSON list', '[1, 2]', [{path: '', message: /must hold a JSON object/}]],
	['JSON null', 'null', [{path: '', message: /must hold a JSON object/}]],
	['no name', variant({name: undefined}), [{path: 'name', message: /^is missing$/}]],
	['a numeric name', variant({name: 7}), [{path: 'name', message: /must be text, not number 7/}]],
	['no biobank', variant({biobanks: []}), [{path: 'biobanks', message: /names no biobank/}]],
	[
		'a biobank with a slash',
		variant({biobanks: ['HUS', 'a/b']}),
		[{path: 'biobanks[1]', message: /contains "\/"/}],
	],
	[
		'a job id of another form',
		variant({ID: 'job-1'}),
		[{path: 'ID', message: /not of the form <unix-seconds>-<user>/}],
	],
	[
		'a job id of another user',
		variant({ID: '1795597505-mallory'}),
		[{path: 'ID', message: /belongs to user mallory, but csc-user is requester/}],
	],
	[
		'resources as a list of two',
		variant({resources: [{}, {}]}),
		[{path: 'resources', message: /must be an object/}],
	],
	[
		'resources as text',
		variant({resources: 'big'}),
		[{path: 'resources', message: /must be an object/}],
	],
	[
		'a fraction of a core',
		variant({resources: {cpuCores: 1.5, ramGb: 2, diskGb: 20, timeHours: 1, preemptible: false}}),
		[{path: 'resources.cpuCores', message: /whole number/}],
	],
	[
		'negative memory',
		variant({resources: {cpuCores: 1, ramGb: -2, diskGb: 20, timeHours: 1, preemptible: false}}),
		[{path: 'resources.ramGb', message: /negative/}],
	],
	[
		'memory in words',
		variant({
			resources: {cpuCores: 1, ramGb: 'lots', diskGb: 20, timeHours: 1, preemptible: false},
		}),
		[{path: 'resources.ramGb', message: /must be a number, not the text "lots"/}],
	],
	[
		'an input path that climbs out',
		variant({inputs: [input({path: '../../.bashrc'})]}),
		[{path: 'inputs[0].path', message: /climbs out/}],
	],
	[
		'an absolute output path',
		variant({outputs: [{bucket: 'b', object: 'o', url: 'b/o', path: '/etc/cron.d/x'}]}),
		[{path: 'outputs[0].path', message: /absolute/}],
	],
	[
		'an input of an unknown type',
		variant({inputs: [input({type: 'LINK'})]}),
		[{path: 'inputs[0].type', message: /"FILE" or "DIRECTORY"/}],
	],
	[
		'an input with neither bucket nor a usable url',
		variant({inputs: [input({bucket: undefined, url: 'nobucket'})]}),
		[
			{path: 'inputs[0].url', message: /"nobucket" is not of the form <bucket>\/<object>/},
			{path: 'inputs[0].bucket', message: /^is missing$/},
		],
	],
	[
		'an instruction with no object',
		variant({instructions: [{bucket: 'b'}]}),
		[{path: 'instructions[0].object', message: /^is missing$/}],
	],
	[
		'an object key with a newline',
		variant({instructions: [{bucket: 'b', object: 'a\nb'}]}),
		[{path: 'instructions[0].object', message: /control character/}],
	],
	['no outputs list', variant({outputs: undefined}), [{path: 'outputs', message: /^is missing$/}]],
];

for (const [what, text, expected] of refusals) {
	test(`a task.json with ${what} is refused, naming the field`, (t) => {
		const result = readTask(text);
		t.false(result.ok);
		if (!result.ok) {
			t.is(result.problems.length, expected.length, JSON.stringify(result.problems));
			for (const [index, problem] of expected.entries()) {
				t.is(result.problems[index]?.path, problem.path);
				t.regex(result.problems[index]?.message ?? '', problem.message);
			}
		}
	});
}

test("a task.json found in another job's folder is refused", (t) => {
	const result = readTask(commonText, {jobId: '1795597506-requester'});
	t.deepEqual(result, {
		ok: false,
		problems: [
			{path: 'ID', message: 'is 1795597505-requester, but the file is in job 1795597506-requester'},
		],
	});
});

test('all problems of one task.json are reported together', (t) => {
	const result = readTask('{"ID": "1-u", "csc-user": "u"}');
	t.false(result.ok);
	if (!result.ok) {
		t.deepEqual(
			result.problems.map((problem) => problem.path),
			[
				'name',
				'description',
				'requestor',
				'date',
				'biobanks',
				'requirements',
				'resources',
				'storageserver',
				'inputs',
				'outputs',
				'instructions',
			],
		);
	}
});

test('the writer uses the Python field names and layout, and the text/plain type', (t) => {
	const {task} = readOk(commonText);
	const text = writeTask({...task, name: 'Kärki 😀'});
	t.is(taskContentType, 'text/plain');
	t.true(
		text.startsWith(
			'{\n  "ID": "1795597505-requester",\n  "name": "K\\u00e4rki \\ud83d\\ude00",\n  "description"',
		),
	);
	t.false(text.endsWith('\n'));
	t.deepEqual(Object.keys(JSON.parse(text) as object), [
		'ID',
		'name',
		'description',
		'csc-user',
		'requestor',
		'date',
		'biobanks',
		'requirements',
		'resources',
		'storageserver',
		'inputs',
		'outputs',
		'instructions',
	]);
	t.is(readOk(text).task.name, 'Kärki 😀');
});

test('the writer refuses a task the readers would refuse', (t) => {
	const {task} = readOk(commonText);
	const error = t.throws(() => writeTask({...task, biobanks: []}), {instanceOf: InvalidTask});
	t.deepEqual(error?.problems, [{path: 'biobanks', message: 'names no biobank'}]);
	t.throws(() => writeTask({...task, outputs: [{bucket: 'b', object: 'o', path: '../x'}]}), {
		message: /outputs\[0\]\.path: The path climbs out/,
	});
});

test('the writer mends the slips it tolerates instead of writing them', (t) => {
	const {task} = readOk(commonText);
	const written = writeTask({
		...task,
		biobanks: ['HUS', 'FIMM', 'HUS'],
		requirements: ['singularity', ''],
		instructions: [{bucket: 'b', object: '/README.md'}],
		inputs: [{...task.inputs[0]!, object: `${jobFolder}/inputinput1.txt`}],
	});
	const json = JSON.parse(written) as {
		biobanks: string[];
		requirements: string[];
		instructions: unknown[];
		inputs: Array<{object: string}>;
	};
	t.deepEqual(json.biobanks, ['HUS', 'FIMM']);
	t.deepEqual(json.requirements, ['singularity']);
	t.deepEqual(json.instructions, [{bucket: 'b', object: 'README.md'}]);
	t.is(json.inputs[0]?.object, `${jobFolder}/input/input1.txt`);
	t.is(writeTask(readOk(written).task), written);
});

const text = fc.string({unit: 'binary', maxLength: 20});
const name = fc
	.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,12}$/)
	.filter((value) => value !== '.' && value !== '..');
const biobank = name.filter((value) => !['jobs', 'input', 'task.json'].includes(value));
const path = fc
	.tuple(fc.boolean(), fc.array(name, {minLength: 1, maxLength: 3}))
	.map(([dot, parts]) => `${dot ? './' : ''}${parts.join('/')}`);
const objectKey = fc.array(name, {minLength: 1, maxLength: 4}).map((parts) => parts.join('/'));
const size = fc.double({min: 0, max: 1e6, noNaN: true}).map((value) => value + 0);
function extra(known: string[]) {
	return fc
		.dictionary(
			fc.string({maxLength: 8}).filter((key) => !known.includes(key) && key !== '__proto__'),
			// JSON has no -0: what it cannot carry cannot round-trip.
			fc.jsonValue({maxDepth: 2}).map((value) => JSON.parse(JSON.stringify(value)) as unknown),
			{maxKeys: 2},
		)
		.map((record) => ({...record}));
}

function withExtra<T extends object>(arbitrary: fc.Arbitrary<T>, known: string[]) {
	return fc
		.tuple(arbitrary, extra(known))
		.map(([value, more]) => (Object.keys(more).length > 0 ? {...value, extra: more} : value));
}

const taskArbitrary: fc.Arbitrary<Task> = fc
	.tuple(fc.nat({max: 2 ** 34}), name)
	.chain(([seconds, user]) =>
		withExtra(
			fc.record({
				id: fc.constant(`${seconds}-${user}`),
				name: text,
				description: text,
				cscUser: fc.constant(user),
				requestor: text,
				date: text,
				biobanks: fc.uniqueArray(biobank, {minLength: 1, maxLength: 5}),
				requirements: fc.array(text.filter((value) => value !== '')),
				resources: withExtra(
					fc.record({
						cpuCores: fc.integer({min: 1, max: 512}),
						ramGb: size,
						diskGb: size,
						timeHours: size,
						preemptible: fc.boolean(),
					}),
					['cpuCores', 'ramGb', 'diskGb', 'timeHours', 'preemptible'],
				),
				storageServer: text,
				inputs: fc.array(
					withExtra(
						fc.record({
							name: text,
							description: text,
							bucket: name,
							object: objectKey,
							path,
							type: fc.constantFrom('FILE' as const, 'DIRECTORY' as const),
						}),
						['name', 'description', 'bucket', 'object', 'url', 'path', 'type'],
					),
					{maxLength: 3},
				),
				outputs: fc.array(
					withExtra(fc.record({bucket: name, object: objectKey, path}), [
						'bucket',
						'object',
						'url',
						'path',
					]),
					{maxLength: 3},
				),
				instructions: fc.array(
					withExtra(fc.record({bucket: name, object: objectKey}), ['bucket', 'object', 'url']),
					{maxLength: 2},
				),
			}),
			[
				'ID',
				'name',
				'description',
				'csc-user',
				'requestor',
				'date',
				'biobanks',
				'requirements',
				'resources',
				'storageserver',
				'inputs',
				'outputs',
				'instructions',
			],
		),
	);

test('reading what the writer wrote gives back the same task', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(taskArbitrary, (task) => {
				// structuredClone: fast-check builds objects without a prototype; the reader, plain ones.
				const expected = {ok: true, task: structuredClone(task), repairs: []};
				return isDeepStrictEqual(readTask(writeTask(task)), expected);
			}),
			{numRuns: 300},
		),
	);
});
