import test from 'ava';
import fc from 'fast-check';
import {
	biobankTaskKey,
	defaultBucket,
	inputKey,
	jobPrefix,
	markerKey,
	parseKey,
	requestKey,
	requestsPrefix,
	resultKey,
	segmentsContainer,
	statusPrefix,
	taskKey,
	userPrefix,
} from '../../source/protocol/keys.js';
import {fixtureIndex} from './fixture.js';

const job = '1664963696-jdoe';

test('the builders give the keys of protocol.md', (t) => {
	t.is(defaultBucket('project_2004504'), 'project_2004504-intervene-tasks');
	t.is(
		segmentsContainer('project_2004504-intervene-tasks'),
		'project_2004504-intervene-tasks_segments',
	);
	t.is(userPrefix('jdoe'), 'jobs/jdoe/');
	t.is(jobPrefix(job), 'jobs/jdoe/1664963696-jdoe/');
	t.is(taskKey(job), 'jobs/jdoe/1664963696-jdoe/task.json');
	t.is(inputKey(job, 'data.txt'), 'jobs/jdoe/1664963696-jdoe/input/data.txt');
	t.is(biobankTaskKey(job, 'HUS'), 'jobs/jdoe/1664963696-jdoe/HUS/task.json');
	t.is(statusPrefix(job, 'HUS'), 'jobs/jdoe/1664963696-jdoe/HUS/status/');
	t.is(markerKey(job, 'HUS', 'ready'), 'jobs/jdoe/1664963696-jdoe/HUS/status/ready');
	t.is(
		resultKey(job, 'HUS', 'out/result.zip'),
		'jobs/jdoe/1664963696-jdoe/HUS/results/out/result.zip',
	);
	t.is(requestsPrefix('HUS'), 'HUS/requests/');
	t.is(requestKey('HUS', job), 'HUS/requests/1664963696-jdoe');
});

test('builders refuse names that would leave their folder', (t) => {
	t.throws(() => inputKey(job, '../task.json'), {message: /names a folder/});
	t.throws(() => resultKey(job, 'HUS', 'a//b'), {message: /empty/});
	t.throws(() => biobankTaskKey(job, 'jobs'), {message: /part of the bucket layout/});
	t.throws(() => markerKey(job, 'HUS', 'a/b'), {message: /contains "\/"/});
	t.throws(() => taskKey('jdoe'), {message: /not a job id/});
	t.throws(() => inputKey(job, `${'a'.repeat(250)}/`.repeat(5)), {message: /empty|longer/});
});

test('every key the Python tools wrote parses to what it is', (t) => {
	const kinds = fixtureIndex.objects.map((object) => {
		const parsed = parseKey(object.key);
		return parsed.kind === 'unknown' ? `unknown ${object.key}` : parsed.kind;
	});
	t.deepEqual(kinds, [
		'request',
		'request',
		'result',
		'marker',
		'marker',
		'marker',
		'biobank-task',
		'result',
		'marker',
		'marker',
		'marker',
		'biobank-task',
		'input',
		'input',
		'task',
	]);
});

test('parseKey names the job, biobank, marker and file', (t) => {
	t.deepEqual(parseKey('jobs/jdoe/1664963696-jdoe/HUS/status/ready'), {
		kind: 'marker',
		user: 'jdoe',
		jobId: job,
		biobank: 'HUS',
		marker: 'ready',
	});
	t.deepEqual(parseKey('jobs/jdoe/1664963696-jdoe/FIMM/results/out/a.zip'), {
		kind: 'result',
		user: 'jdoe',
		jobId: job,
		biobank: 'FIMM',
		file: 'out/a.zip',
	});
	t.deepEqual(parseKey('jobs/jdoe/1664963696-jdoe/input/x.sif'), {
		kind: 'input',
		user: 'jdoe',
		jobId: job,
		file: 'x.sif',
	});
	t.deepEqual(parseKey('jobs/jdoe/1664963696-jdoe/reservation'), {
		kind: 'reservation',
		user: 'jdoe',
		jobId: job,
	});
	t.deepEqual(parseKey('HUS/requests/1664963696-jdoe'), {
		kind: 'request',
		user: 'jdoe',
		jobId: job,
		biobank: 'HUS',
	});
});

test('keys that fit no part of the layout, or file a job under another user, are unknown', (t) => {
	const keys = [
		'',
		'jobs',
		'jobs/',
		'jobs/jdoe/',
		'jobs/jdoe/1664963696-jdoe',
		'jobs/jdoe/1664963696-jdoe/',
		'jobs/mallory/1664963696-jdoe/task.json',
		'jobs/jdoe/1664963696-mallory/task.json',
		'jobs/jdoe/not-a-job/task.json',
		'jobs/jdoe/1664963696-jdoe/notes.txt',
		'jobs/jdoe/1664963696-jdoe/input',
		'jobs/jdoe/1664963696-jdoe/input/',
		'jobs/jdoe/1664963696-jdoe/input/../task.json',
		'jobs/jdoe/1664963696-jdoe/HUS',
		'jobs/jdoe/1664963696-jdoe/HUS/',
		'jobs/jdoe/1664963696-jdoe/HUS/other.txt',
		'jobs/jdoe/1664963696-jdoe/HUS/status/',
		'jobs/jdoe/1664963696-jdoe/HUS/status/ready/again',
		'jobs/jdoe/1664963696-jdoe/HUS/results/',
		'jobs/jdoe/1664963696-jdoe/HUS/results/a//b',
		'jobs/jdoe//1664963696-jdoe/task.json',
		'/jobs/jdoe/1664963696-jdoe/task.json',
		'jobs/jdoe/1664963696-jdoe/jobs/task.json',
		'jobs/jdoe/1664963696-jdoe/HUS\n/task.json',
		'HUS/requests/',
		'HUS/requests/jdoe',
		'HUS/requests/1664963696-jdoe/extra',
		'HUS/inbox/1664963696-jdoe',
		'../requests/1664963696-jdoe',
		`jobs/jdoe/1664963696-jdoe/input/${'a/'.repeat(600)}x`,
	];
	for (const key of keys) {
		t.deepEqual(parseKey(key), {kind: 'unknown', key}, JSON.stringify(key));
	}
});

const anyUnits = fc.string({
	unit: fc.integer({min: 0, max: 0xffff}).map((code) => String.fromCharCode(code)),
	maxLength: 80,
});
const keyLike = fc
	.array(
		fc.oneof(
			fc.constantFrom(
				'jobs',
				'HUS',
				'requests',
				'status',
				'results',
				'input',
				'task.json',
				'1-u',
				'u',
				'..',
				'',
				'.',
			),
			anyUnits,
		),
		{maxLength: 8},
	)
	.map((parts) => parts.join('/'));

test('parseKey never throws, whatever the text', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(fc.oneof(anyUnits, keyLike), (key) => {
				const parsed = parseKey(key);
				return typeof parsed.kind === 'string';
			}),
			{numRuns: 2000},
		),
	);
});

const name = fc
	.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/)
	.filter((text) => text !== '..' && text !== '.');
const biobank = name.filter((text) => !['jobs', 'input', 'task.json'].includes(text));
const jobIdArb = fc
	.tuple(fc.nat({max: 2 ** 35}), name)
	.map(([seconds, user]) => ({seconds, user, jobId: `${seconds}-${user}`}));

test('every built key parses back to the same job and parts', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(
				jobIdArb,
				biobank,
				name,
				fc.array(name, {minLength: 1, maxLength: 3}),
				(job, bank, marker, file) => {
					const path = file.join('/');
					const {jobId, user} = job;
					const expectations: Array<[string, unknown]> = [
						[taskKey(jobId), {kind: 'task', user, jobId}],
						[inputKey(jobId, path), {kind: 'input', user, jobId, file: path}],
						[biobankTaskKey(jobId, bank), {kind: 'biobank-task', user, jobId, biobank: bank}],
						[markerKey(jobId, bank, marker), {kind: 'marker', user, jobId, biobank: bank, marker}],
						[
							resultKey(jobId, bank, path),
							{kind: 'result', user, jobId, biobank: bank, file: path},
						],
						[requestKey(bank, jobId), {kind: 'request', user, jobId, biobank: bank}],
					];
					for (const [key, expected] of expectations) {
						if (JSON.stringify(parseKey(key)) !== JSON.stringify(expected)) {
							throw new Error(`${key} parsed as ${JSON.stringify(parseKey(key))}`);
						}
					}
				},
			),
		),
	);
});
