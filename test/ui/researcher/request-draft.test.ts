import test from 'ava';
import {builtInCatalogue, findAnalysisType} from '../../../source/protocol/catalogue.js';
import {
	initialDraft,
	stepProblem,
	stepsFor,
	type RequestDraft,
} from '../../../source/ui/screens/researcher/new-request/request-draft.js';

const other = findAnalysisType(builtInCatalogue, 'other');
const pgsc = findAnalysisType(builtInCatalogue, 'pgsc_calc');
const prspipe = findAnalysisType(builtInCatalogue, 'prspipe');
const draft = (change: Partial<RequestDraft> = {}): RequestDraft => ({
	...initialDraft(builtInCatalogue),
	...change,
});
const file = (name: string) => ({path: `/tmp/${name}`, name, bytes: 10});

test('each analysis type asks only what it needs', (t) => {
	t.deepEqual(stepsFor(prspipe), ['name', 'email', 'biobanks', 'analysis', 'review']);
	t.deepEqual(stepsFor(pgsc), ['name', 'email', 'biobanks', 'analysis', 'inputs', 'review']);
	t.deepEqual(stepsFor(other), [
		'name',
		'email',
		'biobanks',
		'analysis',
		'inputs',
		'instructions',
		'outputs',
		'requirements',
		'resources',
		'review',
	]);
});

test('every step says what is wrong in words', (t) => {
	const cases: Array<[Parameters<typeof stepProblem>[0], RequestDraft, typeof other, string]> = [
		['name', draft(), other, 'Give the task a name.'],
		['name', draft({name: 'x'.repeat(101)}), other, 'Keep the name under 100 characters.'],
		['email', draft({email: 'not-an-address'}), other, 'not-an-address is not an e-mail address.'],
		['email', draft(), other, 'An empty address is not an e-mail address.'],
		['biobanks', draft(), other, 'Choose at least one biobank (space toggles).'],
		['analysis', draft(), undefined, 'Choose an analysis type.'],
		['inputs', draft(), other, 'Add at least 1 input file.'],
		['inputs', draft(), pgsc, 'Add 1 input file.'],
		[
			'inputs',
			draft({inputFiles: [file('a.txt'), file('b.txt')]}),
			pgsc,
			'This analysis takes at most 1 input file.',
		],
		[
			'inputs',
			draft({inputFiles: [file('a.txt'), {...file('a.txt'), path: '/elsewhere/a.txt'}]}),
			other,
			'Two input files are called a.txt: rename one.',
		],
		['instructions', draft(), other, 'The analysts need an instructions file.'],
		['outputs', draft({outputs: ' , '}), other, 'Name at least one output file.'],
		[
			'outputs',
			draft({outputs: 'ok.zip, ../escape.zip'}),
			other,
			'../escape.zip: The path climbs out of the job folder with "..".',
		],
		[
			'resources',
			draft({resources: {cpuCores: 0, ramGb: 2, diskGb: 20, timeHours: 1, preemptible: false}}),
			other,
			'Every resource must be a number above zero.',
		],
		[
			'resources',
			draft({
				resources: {cpuCores: 1, ramGb: Number.NaN, diskGb: 20, timeHours: 1, preemptible: false},
			}),
			other,
			'Every resource must be a number above zero.',
		],
	];
	for (const [step, value, analysis, message] of cases)
		t.is(stepProblem(step, value, analysis), message, step);
});

test('a complete answer passes every step', (t) => {
	const complete = draft({
		name: 'BMI GWAS',
		email: 'jdoe@example.org',
		biobanks: ['HUS'],
		analysis: 'other',
		inputFiles: [file('c.sif')],
		instructionsFile: file('README.txt'),
		outputs: 'out.zip',
	});
	for (const step of stepsFor(other)) t.is(stepProblem(step, complete, other), undefined, step);
});
