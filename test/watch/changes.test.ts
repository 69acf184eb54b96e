import test from 'ava';
import {compareWithSeen, forgetAfterDays, type Seen} from '../../source/watch/changes.js';
import type {Observation} from '../../source/watch/observation.js';

const cell = (state: string, since?: string, event?: Observation['event']): Observation => ({
	subject: '1795600000-requester/HUS',
	state,
	since,
	jobId: '1795600000-requester',
	user: 'requester',
	biobank: 'HUS',
	event,
});

test('the first poll of a channel is its baseline: nothing is an event, everything is recorded', (t) => {
	const result = compareWithSeen(undefined, [cell('ready', '2026-11-25T10:00:00', 'ready')], 100);
	t.deepEqual(result.changes, []);
	t.deepEqual(result.next, {'1795600000-requester/HUS': {s: 'ready', t: '2026-11-25T10:00:00'}});
	t.true(result.dirty);
});

test('a status that changed into one people are told about is one change; the same poll again is none', (t) => {
	const seen: Seen = {'1795600000-requester/HUS': {s: 'waiting', t: '2026-11-25T09:00:00'}};
	const poll = [cell('processing', '2026-11-25T10:00:00', 'claimed')];
	const first = compareWithSeen(seen, poll, 100);
	t.deepEqual(
		first.changes.map((change) => change.event),
		['claimed'],
	);
	const again = compareWithSeen(first.next, poll, 100);
	t.deepEqual(again.changes, []);
	t.false(again.dirty);
});

test('a change into a state nobody is told about is recorded but is no event', (t) => {
	const result = compareWithSeen({}, [cell('waiting', '2026-11-25T09:00:00')], 100);
	t.deepEqual(result.changes, []);
	t.is(result.next['1795600000-requester/HUS']?.s, 'waiting');
});

test('a job that appears already claimed is one change', (t) => {
	const result = compareWithSeen({}, [cell('processing', '2026-11-25T10:00:00', 'claimed')], 100);
	t.is(result.changes.length, 1);
});

test('a listing that shows an older state than the one seen (a stale replica) changes nothing', (t) => {
	const seen: Seen = {'1795600000-requester/HUS': {s: 'ready', t: '2026-11-25T12:00:00.500000'}};
	const stale = compareWithSeen(seen, [cell('processing', '2026-11-25T10:00:00', 'claimed')], 100);
	t.deepEqual(stale.changes, []);
	t.is(stale.next['1795600000-requester/HUS']?.s, 'ready');
	const back = compareWithSeen(
		stale.next,
		[cell('ready', '2026-11-25T12:00:00.500000', 'ready')],
		100,
	);
	t.deepEqual(back.changes, []);
});

test('a claim after a failure (a newer processing marker) is a change again', (t) => {
	const seen: Seen = {'1795600000-requester/HUS': {s: 'failed', t: '2026-11-25T10:00:00'}};
	const result = compareWithSeen(seen, [cell('processing', '2026-11-25T11:00:00', 'claimed')], 100);
	t.deepEqual(
		result.changes.map((change) => change.event),
		['claimed'],
	);
});

test('a subject missing from a listing is kept, so its return is no change, and forgotten after 30 days', (t) => {
	const seen: Seen = {'1795600000-requester/HUS': {s: 'processing', t: '2026-11-25T10:00:00'}};
	const missing = compareWithSeen(seen, [], 100);
	t.deepEqual(missing.next['1795600000-requester/HUS'], {
		s: 'processing',
		t: '2026-11-25T10:00:00',
		g: 100,
	});
	t.true(missing.dirty);
	const back = compareWithSeen(
		missing.next,
		[cell('processing', '2026-11-25T10:00:00', 'claimed')],
		101,
	);
	t.deepEqual(back.changes, []);
	t.is(back.next['1795600000-requester/HUS']?.g, undefined);
	const stillMissing = compareWithSeen(missing.next, [], 100 + forgetAfterDays);
	t.truthy(stillMissing.next['1795600000-requester/HUS']);
	const forgotten = compareWithSeen(missing.next, [], 101 + forgetAfterDays);
	t.deepEqual(forgotten.next, {});
});
