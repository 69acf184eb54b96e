import test from 'ava';
import {buildCompactMatrixAsync} from '../../source/protocol/compact-matrix.js';
import type {ListingEntry} from '../../source/protocol/listing.js';
import {buildMatrixAsync, type JobRow} from '../../source/protocol/matrix.js';
import {fixtureIndex} from './fixture.js';

const fixture: ListingEntry[] = fixtureIndex.objects
	.filter((object) => object.key.startsWith('jobs/requester/'))
	.map((object) => ({key: object.key, bytes: object.bytes}));

const at = (minute: number) => `2026-11-25T09:${String(minute).padStart(2, '0')}:00.000Z`;

/** Every shape the layout has: re-claims after failures (by time), unknown markers, strays. */
const shapes: ListingEntry[] = [
	{key: 'jobs/jdoe/1795000001-jdoe/reservation', bytes: 0},
	{key: 'jobs/jdoe/1795000002-jdoe/FIMM/status/failed', bytes: 30, lastModified: at(10)},
	{key: 'jobs/jdoe/1795000002-jdoe/FIMM/status/processing', bytes: 30, lastModified: at(20)},
	{key: 'jobs/jdoe/1795000002-jdoe/FIMM/status/submitted', bytes: 30, lastModified: at(1)},
	{key: 'jobs/jdoe/1795000002-jdoe/HUS/status/failed', bytes: 30, lastModified: at(30)},
	{key: 'jobs/jdoe/1795000002-jdoe/HUS/status/processing', bytes: 30, lastModified: at(20)},
	{key: 'jobs/jdoe/1795000002-jdoe/HUS/status/weird', bytes: 3},
	{key: 'jobs/jdoe/1795000002-jdoe/HUNT/status/declined', bytes: 3},
	{key: 'jobs/jdoe/1795000002-jdoe/HUNT/status/failed', bytes: 3},
	{key: 'jobs/jdoe/1795000002-jdoe/CSC/results/late.zip', bytes: 1000},
	{key: 'jobs/jdoe/1795000002-jdoe/input/a.txt', bytes: 7},
	{key: 'jobs/jdoe/1795000002-jdoe/input/b/c.txt', bytes: 8},
	{key: 'jobs/jdoe/1795000002-jdoe/task.json', bytes: 900},
	{key: 'jobs/jdoe/1795000003-jdoe/HUS/results/r1', bytes: 5},
	{key: 'jobs/jdoe/1795000003-jdoe/HUS/results/r2', bytes: 6},
	{key: 'jobs/jdoe/1795000003-jdoe/HUS/status/cancelled', bytes: 1},
	{key: 'jobs/jdoe/1795000003-jdoe/HUS/status/ready', bytes: 1},
	{key: 'jobs/jdoe/1795000003-jdoe/HUS/task.json', bytes: 1},
	{key: 'jobs/jdoe/not-a-job/task.json', bytes: 1},
	{key: 'HUS/requests/1795000003-jdoe', bytes: 40},
];

/** What the table keeps of a full row. */
function projected(row: JobRow) {
	const {inputs, ...rest} = row;
	return {
		...rest,
		inputCount: inputs.length,
		biobanks: row.biobanks.map(({markers: _markers, results: _results, ...cell}) => cell),
	};
}

for (const [name, listing] of [
	['the Python tools’ fixture', fixture],
	['every shape of the layout', shapes],
] as const) {
	test(`${name}: the compact matrix holds the full one's states and counts`, async (t) => {
		const full = await buildMatrixAsync(listing);
		const compact = await buildCompactMatrixAsync(listing);
		t.deepEqual(compact.biobanks, full.biobanks);
		t.deepEqual(compact.jobs, full.jobs.map(projected));
		t.true(compact.jobs.length > 0);
	});
}

test('the compact matrix keeps no key, file name or time: states, counts and bytes', async (t) => {
	const compact = await buildCompactMatrixAsync(shapes);
	const kept = JSON.stringify(compact);
	t.false(kept.includes('status/'));
	t.false(kept.includes('late.zip'));
	t.false(kept.includes('2026-11-25'));
	const job = compact.jobs.find((row) => row.jobId === '1795000002-jdoe');
	t.like(job, {inputCount: 2, inputBytes: 15, hasTask: true});
	t.deepEqual(
		job?.biobanks.map((cell) => [cell.biobank, cell.status, cell.resultCount, cell.resultBytes]),
		[
			['FIMM', 'processing', 0, 0],
			['HUS', 'failed', 0, 0],
			['HUNT', 'declined', 0, 0],
			['CSC', 'not-submitted', 1, 1000],
		],
	);
	const ready = compact.jobs.find((row) => row.jobId === '1795000003-jdoe');
	t.deepEqual(ready?.biobanks, [
		{biobank: 'HUS', hasTask: true, status: 'ready', resultCount: 2, resultBytes: 11},
	]);
});
