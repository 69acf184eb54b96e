import test from 'ava';
import type {ListingEntry} from '../../source/protocol/listing.js';
import {
	buildMatrix,
	buildMatrixAsync,
	createMatrixFold,
	jobStatus,
} from '../../source/protocol/matrix.js';
import {fixtureIndex, jobFolder, jobId} from './fixture.js';

const listing: ListingEntry[] = fixtureIndex.objects
	.filter((object) => object.key.startsWith('jobs/requester/'))
	.map((object) => ({key: object.key, bytes: object.bytes}));

const without = (...suffixes: string[]) =>
	listing.filter((entry) => !suffixes.some((suffix) => entry.key.endsWith(suffix)));

test('the fixture listing gives one job, ready at HUS and FIMM', (t) => {
	const matrix = buildMatrix(listing);
	t.deepEqual(matrix.biobanks, ['FIMM', 'HUS']);
	t.deepEqual(matrix.ignored, []);
	t.is(matrix.jobs.length, 1);
	const [row] = matrix.jobs;
	t.like(row, {jobId, user: 'requester', submittedAt: 1795597505, hasTask: true, inputBytes: 67});
	t.deepEqual(
		row?.inputs.map((file) => [file.name, file.bytes]),
		[
			['README_instructions.txt', 33],
			['input1.txt', 34],
		],
	);
	t.deepEqual(
		row?.biobanks.map((cell) => [
			cell.biobank,
			cell.status,
			cell.hasTask,
			cell.markers.map((marker) => marker.name),
			cell.results.map((file) => `${file.name}:${file.bytes}`),
		]),
		[
			['FIMM', 'ready', true, ['processing', 'ready', 'submitted'], ['result.txt:17']],
			['HUS', 'ready', true, ['processing', 'ready', 'submitted'], ['result.txt:16']],
		],
	);
	t.deepEqual(row?.summary, {state: 'ready', targeted: 2, ready: 2, failed: 0, downloadable: true});
});

test('earlier states of the fixture job read as processing and waiting', (t) => {
	const processing = buildMatrix(without('/status/ready', '/results/result.txt')).jobs[0];
	t.deepEqual(
		processing?.biobanks.map((cell) => cell.status),
		['processing', 'processing'],
	);
	t.is(processing?.summary.state, 'processing');

	const waiting = buildMatrix(without('/status/ready', '/status/processing', '/results/result.txt'))
		.jobs[0];
	t.deepEqual(
		waiting?.biobanks.map((cell) => cell.status),
		['waiting', 'waiting'],
	);
	t.is(waiting?.summary.state, 'waiting');

	const mixed = buildMatrix(without('HUS/status/ready', 'HUS/results/result.txt')).jobs[0];
	t.deepEqual(
		mixed?.biobanks.map((cell) => [cell.biobank, cell.status]),
		[
			['FIMM', 'ready'],
			['HUS', 'processing'],
		],
	);
	t.like(mixed?.summary, {state: 'processing', ready: 1, downloadable: false});
});

test("the job's biobanks list decides what is targeted", (t) => {
	const [row] = buildMatrix(
		without('FIMM/status/submitted', 'FIMM/status/processing', 'FIMM/status/ready'),
	).jobs;
	if (!row) return t.fail('no job');
	const view = jobStatus(row, ['HUS', 'FIMM', 'HUNT']);
	t.deepEqual(
		view.biobanks.map((state) => [state.biobank, state.status]),
		[
			['HUS', 'ready'],
			['FIMM', 'not-submitted'],
			['HUNT', 'not-submitted'],
		],
	);
	t.like(view.summary, {state: 'not-submitted', targeted: 3, ready: 1});

	const narrower = jobStatus(row, ['HUS']);
	t.deepEqual(
		narrower.biobanks.map((state) => [state.biobank, state.status]),
		[
			['HUS', 'ready'],
			['FIMM', 'not-targeted'],
		],
	);
	t.like(narrower.summary, {state: 'ready', downloadable: true});
	t.deepEqual(jobStatus(row).summary, row.summary);
});

test('a paged listing (an async iterable) gives the same matrix', async (t) => {
	async function* pages() {
		yield* listing;
	}

	t.deepEqual(await buildMatrixAsync(pages()), buildMatrix(listing));
});

test('keys that would file an object under another job or user are set aside, not misfiled', (t) => {
	const hostile = [
		{key: 'jobs/requester/1795597505-mallory/FIMM/status/ready', bytes: 1},
		{key: 'jobs/mallory/1795597505-requester/FIMM/status/ready', bytes: 1},
		{key: `${jobFolder}/FIMM/status/ready/x`, bytes: 1},
		{key: `${jobFolder}/notes.txt`, bytes: 1},
	];
	const matrix = buildMatrix([...without('HUS/status/ready'), ...hostile]);
	t.deepEqual(
		matrix.ignored,
		hostile.map((entry) => entry.key),
	);
	t.is(matrix.jobs.length, 1);
	t.deepEqual(
		matrix.jobs[0]?.biobanks.map((cell) => cell.status),
		['ready', 'processing'],
	);
});

test('many jobs come out in listing order, each with its own biobanks', (t) => {
	const entries: ListingEntry[] = [];
	for (let index = 0; index < 1000; index++) {
		const job = `${1700000000 + index}-jdoe`;
		entries.push({key: `jobs/jdoe/${job}/HUS/status/submitted`, bytes: 26});
		if (index % 2 === 0) entries.push({key: `jobs/jdoe/${job}/HUS/status/processing`, bytes: 30});
		entries.push({key: `jobs/jdoe/${job}/task.json`, bytes: 1000});
	}

	const matrix = buildMatrix(entries);
	t.is(matrix.jobs.length, 1000);
	t.is(matrix.jobs[0]?.jobId, '1700000000-jdoe');
	t.is(matrix.jobs[999]?.jobId, '1700000999-jdoe');
	t.is(matrix.jobs.filter((row) => row.summary.state === 'processing').length, 500);
	t.is(matrix.jobs.filter((row) => row.summary.state === 'waiting').length, 500);
});

test('a result taken during the listing does not change as the listing goes on', (t) => {
	const fold = createMatrixFold();
	fold.add({key: `${jobFolder}/HUS/status/submitted`, bytes: 26});
	const early = fold.result();
	fold.add({key: `${jobFolder}/HUS/status/processing`, bytes: 30});
	t.deepEqual(
		early.jobs[0]?.biobanks[0]?.markers.map((marker) => marker.name),
		['submitted'],
	);
	t.is(early.jobs[0]?.biobanks[0]?.status, 'waiting');
	t.is(fold.result().jobs[0]?.biobanks[0]?.status, 'processing');
});

test("the listing's last-modified times reach the status", (t) => {
	const [row] = buildMatrix([
		{key: `${jobFolder}/HUS/status/failed`, bytes: 60, lastModified: '2026-11-25T09:10:00.000000'},
		{
			key: `${jobFolder}/HUS/status/processing`,
			bytes: 30,
			lastModified: '2026-11-25T09:20:00.000000',
		},
	]).jobs;
	t.is(row?.biobanks[0]?.status, 'processing');
	t.is(row?.biobanks[0]?.markers[0]?.lastModified, '2026-11-25T09:10:00.000000');
});
