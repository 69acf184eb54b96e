import test from 'ava';
import {
	biobankStatus,
	isClaimable,
	isSettled,
	summariseStatuses,
	type BiobankStatus,
} from '../../source/protocol/status.js';

// Every subset of the six markers, with the status written out by hand from the precedence
// documented in status.ts: ready > cancelled > declined > failed > processing > submitted.
const table: Array<[string, BiobankStatus]> = [
	['', 'not-submitted'],
	['cancelled', 'cancelled'],
	['declined', 'declined'],
	['declined cancelled', 'cancelled'],
	['failed', 'failed'],
	['failed cancelled', 'cancelled'],
	['failed declined', 'declined'],
	['failed declined cancelled', 'cancelled'],
	['ready', 'ready'],
	['ready cancelled', 'ready'],
	['ready declined', 'ready'],
	['ready declined cancelled', 'ready'],
	['ready failed', 'ready'],
	['ready failed cancelled', 'ready'],
	['ready failed declined', 'ready'],
	['ready failed declined cancelled', 'ready'],
	['processing', 'processing'],
	['processing cancelled', 'cancelled'],
	['processing declined', 'declined'],
	['processing declined cancelled', 'cancelled'],
	['processing failed', 'failed'],
	['processing failed cancelled', 'cancelled'],
	['processing failed declined', 'declined'],
	['processing failed declined cancelled', 'cancelled'],
	['processing ready', 'ready'],
	['processing ready cancelled', 'ready'],
	['processing ready declined', 'ready'],
	['processing ready declined cancelled', 'ready'],
	['processing ready failed', 'ready'],
	['processing ready failed cancelled', 'ready'],
	['processing ready failed declined', 'ready'],
	['processing ready failed declined cancelled', 'ready'],
	['submitted', 'waiting'],
	['submitted cancelled', 'cancelled'],
	['submitted declined', 'declined'],
	['submitted declined cancelled', 'cancelled'],
	['submitted failed', 'failed'],
	['submitted failed cancelled', 'cancelled'],
	['submitted failed declined', 'declined'],
	['submitted failed declined cancelled', 'cancelled'],
	['submitted ready', 'ready'],
	['submitted ready cancelled', 'ready'],
	['submitted ready declined', 'ready'],
	['submitted ready declined cancelled', 'ready'],
	['submitted ready failed', 'ready'],
	['submitted ready failed cancelled', 'ready'],
	['submitted ready failed declined', 'ready'],
	['submitted ready failed declined cancelled', 'ready'],
	['submitted processing', 'processing'],
	['submitted processing cancelled', 'cancelled'],
	['submitted processing declined', 'declined'],
	['submitted processing declined cancelled', 'cancelled'],
	['submitted processing failed', 'failed'],
	['submitted processing failed cancelled', 'cancelled'],
	['submitted processing failed declined', 'declined'],
	['submitted processing failed declined cancelled', 'cancelled'],
	['submitted processing ready', 'ready'],
	['submitted processing ready cancelled', 'ready'],
	['submitted processing ready declined', 'ready'],
	['submitted processing ready declined cancelled', 'ready'],
	['submitted processing ready failed', 'ready'],
	['submitted processing ready failed cancelled', 'ready'],
	['submitted processing ready failed declined', 'ready'],
	['submitted processing ready failed declined cancelled', 'ready'],
];

test('the table covers every subset of the six markers once', (t) => {
	const subsets = new Set(
		table.map(([markers]) => markers.split(' ').filter(Boolean).sort().join(' ')),
	);
	t.is(subsets.size, 64);
});

for (const [markers, expected] of table) {
	test(`markers {${markers}} give ${expected}`, (t) => {
		t.is(biobankStatus(markers.split(' ').filter(Boolean)), expected);
	});
}

test('the Python tools states read as they do there', (t) => {
	t.is(biobankStatus(['submitted']), 'waiting');
	t.is(biobankStatus(['submitted', 'processing']), 'processing');
	t.is(biobankStatus(['submitted', 'processing', 'ready']), 'ready');
});

test('marker names the protocol does not know are ignored', (t) => {
	t.is(biobankStatus(['submitted', 'paused']), 'waiting');
	t.is(biobankStatus(['paused']), 'not-submitted');
});

const at = (name: string, lastModified?: string) => ({name, lastModified});

test('a processing marker newer than a failure means the job was claimed again', (t) => {
	t.is(
		biobankStatus([
			at('submitted', '2026-11-25T09:00:00.000000'),
			at('failed', '2026-11-25T09:10:00.000000'),
			at('processing', '2026-11-25T09:20:00.000000'),
		]),
		'processing',
	);
	t.is(
		biobankStatus([
			at('declined', '2026-11-25T09:10:00Z'),
			at('processing', '2026-11-25T10:10:00+00:30'),
		]),
		'processing',
	);
});

test('a failure newer than the claim, at the same time, or without times stands', (t) => {
	t.is(
		biobankStatus([at('processing', '2026-11-25T09:05:00'), at('failed', '2026-11-25T09:10:00')]),
		'failed',
	);
	t.is(
		biobankStatus([at('processing', '2026-11-25T09:10:00'), at('failed', '2026-11-25T09:10:00')]),
		'failed',
	);
	t.is(biobankStatus([at('processing', '2026-11-25T09:20:00'), at('failed')]), 'failed');
	t.is(biobankStatus([at('processing'), at('declined', '2026-11-25T09:20:00')]), 'declined');
	t.is(
		biobankStatus([at('processing', 'not a time'), at('failed', '2026-11-25T09:10:00')]),
		'failed',
	);
});

test('between failed and declined the newer one wins', (t) => {
	t.is(
		biobankStatus([at('declined', '2026-11-25T09:00:00'), at('failed', '2026-11-25T09:10:00')]),
		'failed',
	);
	t.is(
		biobankStatus([at('failed', '2026-11-25T09:00:00'), at('declined', '2026-11-25T09:10:00')]),
		'declined',
	);
});

test('cancelled is not undone by a later claim, and a late ready beats everything', (t) => {
	t.is(
		biobankStatus([
			at('cancelled', '2026-11-25T09:00:00'),
			at('processing', '2026-11-25T09:10:00'),
		]),
		'cancelled',
	);
	t.is(
		biobankStatus([at('ready', '2026-11-25T09:00:00'), at('failed', '2026-11-25T09:10:00')]),
		'ready',
	);
	t.is(
		biobankStatus([at('failed', '2026-11-25T09:00:00'), at('ready', '2026-11-25T09:10:00')]),
		'ready',
	);
});

test('only a waiting job can be claimed, and only ready or cancelled ones are settled', (t) => {
	const statuses: BiobankStatus[] = [
		'not-targeted',
		'not-submitted',
		'waiting',
		'processing',
		'ready',
		'failed',
		'declined',
		'cancelled',
	];
	t.deepEqual(statuses.filter(isClaimable), ['waiting']);
	t.deepEqual(statuses.filter(isSettled), ['not-targeted', 'ready', 'cancelled']);
});

const summaries: Array<[BiobankStatus[], ReturnType<typeof summariseStatuses>]> = [
	[['ready', 'ready'], {state: 'ready', targeted: 2, ready: 2, failed: 0, downloadable: true}],
	[
		['ready', 'ready', 'not-targeted'],
		{state: 'ready', targeted: 2, ready: 2, failed: 0, downloadable: true},
	],
	[['ready', 'waiting'], {state: 'waiting', targeted: 2, ready: 1, failed: 0, downloadable: false}],
	[
		['processing', 'waiting'],
		{state: 'processing', targeted: 2, ready: 0, failed: 0, downloadable: false},
	],
	[
		['processing', 'failed'],
		{state: 'processing', targeted: 2, ready: 0, failed: 1, downloadable: false},
	],
	[['ready', 'failed'], {state: 'failed', targeted: 2, ready: 1, failed: 1, downloadable: false}],
	[
		['declined', 'failed'],
		{state: 'failed', targeted: 2, ready: 0, failed: 2, downloadable: false},
	],
	[
		['cancelled', 'processing'],
		{state: 'cancelled', targeted: 2, ready: 0, failed: 0, downloadable: false},
	],
	[
		['cancelled', 'ready'],
		{state: 'cancelled', targeted: 2, ready: 1, failed: 0, downloadable: false},
	],
	[
		['not-submitted', 'ready'],
		{state: 'not-submitted', targeted: 2, ready: 1, failed: 0, downloadable: false},
	],
	[
		['waiting', 'not-submitted'],
		{state: 'waiting', targeted: 2, ready: 0, failed: 0, downloadable: false},
	],
	[[], {state: 'not-submitted', targeted: 0, ready: 0, failed: 0, downloadable: false}],
	[
		['not-targeted'],
		{state: 'not-submitted', targeted: 0, ready: 0, failed: 0, downloadable: false},
	],
];

for (const [statuses, expected] of summaries) {
	test(`a job whose biobanks are [${statuses.join(', ')}] is ${expected.state}`, (t) => {
		t.deepEqual(summariseStatuses(statuses), expected);
	});
}
