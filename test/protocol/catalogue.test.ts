import {readFileSync} from 'node:fs';
import test from 'ava';
import {builtInCatalogue, findBiobank, parseCatalogue} from '../../source/protocol/catalogue.js';

const shipped = JSON.parse(
	readFileSync(new URL('../../source/protocol/catalogue.json', import.meta.url), 'utf8'),
) as {
	analysisTypes: Array<Record<string, unknown>>;
} & Record<string, unknown>;

test('the built-in catalogue holds the biobanks of the deployed tools', (t) => {
	t.deepEqual(
		builtInCatalogue.biobanks.map((biobank) => biobank.id),
		['HUS', 'Estonia_Biobank', 'HUNT', 'FIMM', 'CSC'],
	);
	t.is(findBiobank(builtInCatalogue, 'Estonia_Biobank')?.label, 'Estonia Biobank');
});

test('the built-in analysis types match the table of protocol.md', (t) => {
	const rows = builtInCatalogue.analysisTypes.map((type) => ({
		id: type.id,
		inputs: type.inputs.map((input) => `${input.bucket}/${input.object}`),
		requesterInputs: [type.requesterInputs.min, type.requesterInputs.max],
		outputs: type.outputs,
		instructions: type.instructions.map(
			(instruction) => `${instruction.bucket}/${instruction.object}`,
		),
		requirements: type.requirements,
		resources: type.resources,
		requesterGives: type.requesterGives,
	}));
	t.deepEqual(rows, [
		{
			id: 'prspipe',
			inputs: ['2004504-prspipe/prspipe_8.7.22.tar'],
			requesterInputs: [0, 0],
			outputs: ['prspipe_results.zip'],
			instructions: ['2004504-prspipe/prspipe_README.md'],
			requirements: ['singularity'],
			resources: {cpuCores: 4, ramGb: 8, diskGb: 100, timeHours: 2, preemptible: false},
			requesterGives: [],
		},
		{
			id: 'pgsc_calc',
			inputs: ['2004504-pgsc_calc/pgsc_calc_7.10.22.tar'],
			requesterInputs: [1, 1],
			outputs: ['pgsc_calc_results.zip'],
			instructions: ['2004504-pgsc_calc/pgsc_calc_README.md'],
			requirements: ['singularity', 'nextflow'],
			resources: {cpuCores: 4, ramGb: 16, diskGb: 100, timeHours: 2, preemptible: false},
			requesterGives: [],
		},
		{
			id: 'other',
			inputs: [],
			requesterInputs: [1, null],
			outputs: [],
			instructions: [],
			requirements: [],
			resources: {cpuCores: 1, ramGb: 2, diskGb: 20, timeHours: 1, preemptible: false},
			requesterGives: ['outputs', 'instructions', 'requirements', 'resources'],
		},
	]);
});

test('a consortium can add a biobank and an analysis type without code', (t) => {
	const extended = {
		...shipped,
		biobanks: [...(shipped['biobanks'] as unknown[]), {id: 'UKB', label: 'UK Biobank'}],
		analysisTypes: [
			...shipped.analysisTypes,
			{...shipped.analysisTypes[0], id: 'prspipe2', label: 'PRSPIPE 2'},
		],
	};
	const result = parseCatalogue(extended);
	t.true(result.ok);
	if (result.ok) {
		t.is(result.catalogue.biobanks.at(-1)?.id, 'UKB');
		t.is(result.catalogue.analysisTypes.at(-1)?.id, 'prspipe2');
	}
});

function withType(changes: Record<string, unknown>): unknown {
	return {
		...shipped,
		analysisTypes: [shipped.analysisTypes[0], {...shipped.analysisTypes[1], ...changes}],
	};
}

const broken: Array<[string, unknown, string[]]> = [
	[
		'a field of the wrong type',
		withType({
			resources: {cpuCores: 4, ramGb: '16', diskGb: 100, timeHours: 2, preemptible: false},
		}),
		['analysisTypes[1].resources.ramGb: must be a number, not the text "16"'],
	],
	[
		'a misspelt field',
		withType({requirments: []}),
		['analysisTypes[1]: Unrecognized key: "requirments"'],
	],
	['a missing field', withType({outputs: undefined}), ['analysisTypes[1].outputs: is missing']],
	[
		'an unsafe input path',
		withType({inputs: [{name: 'x', description: '', bucket: 'b', object: 'o', path: '../x'}]}),
		['analysisTypes[1].inputs[0].path: The path climbs out of the job folder with "..".'],
	],
	[
		'a reserved biobank name',
		{...shipped, biobanks: [{id: 'jobs', label: 'Jobs'}]},
		[
			'biobanks[0].id: The biobank cannot be called "jobs": that name is part of the bucket layout.',
		],
	],
	['a repeated id', withType({id: 'prspipe'}), ['analysisTypes[1].id: repeats prspipe']],
	[
		'max below min',
		withType({requesterInputs: {min: 2, max: 1, description: ''}}),
		['analysisTypes[1].requesterInputs.max: is less than min'],
	],
	[
		'no outputs and none asked',
		withType({outputs: [], requesterGives: []}),
		['analysisTypes[1].outputs: names no output, and the requester is not asked for any'],
	],
	['not an object', 'catalogue', [': must be an object, not the text "catalogue"']],
];

for (const [what, json, expected] of broken) {
	test(`a catalogue with ${what} is refused, naming the field`, (t) => {
		const result = parseCatalogue(json);
		t.deepEqual(
			result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`),
			expected,
		);
	});
}
