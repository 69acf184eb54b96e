import test from 'ava';
import {
	claimBody,
	markerBody,
	parseMarkerBody,
	reasonBody,
	submittedBody,
} from '../../source/protocol/markers.js';
import {fixtureIndex, fixtureText} from './fixture.js';

test('every marker the Python tools wrote parses to who and when', (t) => {
	const markers = fixtureIndex.objects.filter((object) => object.key.includes('/status/'));
	t.is(markers.length, 6);
	const parsed = Object.fromEntries(
		markers.map((object) => [
			object.key.split('/').slice(3).join('/'),
			parseMarkerBody(fixtureText(object.key)),
		]),
	);
	t.deepEqual(parsed, {
		'FIMM/status/processing': {by: 'analyst', at: '2026-11-25 09:05:11.661581'},
		'FIMM/status/ready': {by: 'analyst', at: '2026-11-25 09:05:11.947252'},
		'FIMM/status/submitted': {at: '2026-11-25 09:05:06.356236'},
		'HUS/status/processing': {by: 'analyst', at: '2026-11-25 09:05:09.646542'},
		'HUS/status/ready': {by: 'analyst', at: '2026-11-25 09:05:09.928776'},
		'HUS/status/submitted': {at: '2026-11-25 09:05:06.315219'},
	});
});

test('a failed, declined or cancelled marker carries who, when and why', (t) => {
	const body = reasonBody(
		'analyst',
		'2026-11-25T11:05:06.356+02:00',
		'no genotype data for this cohort',
	);
	t.is(
		body,
		'{"by":"analyst","at":"2026-11-25T11:05:06.356+02:00","reason":"no genotype data for this cohort"}',
	);
	t.deepEqual(parseMarkerBody(body), {
		by: 'analyst',
		at: '2026-11-25T11:05:06.356+02:00',
		reason: 'no genotype data for this cohort',
	});
});

test('our claim and submit bodies keep the Python forms, with ISO times', (t) => {
	t.is(submittedBody('2026-11-25T09:05:06.315Z'), '2026-11-25T09:05:06.315Z');
	t.is(
		claimBody('analyst', '2026-11-25T11:05:09.646+02:00'),
		'analyst: 2026-11-25T11:05:09.646+02:00',
	);
	t.deepEqual(parseMarkerBody(claimBody('analyst', '2026-11-25T11:05:09.646+02:00')), {
		by: 'analyst',
		at: '2026-11-25T11:05:09.646+02:00',
	});
	t.is(markerBody('ready', {by: 'a', at: '2026-11-25T09:05:06Z'}), 'a: 2026-11-25T09:05:06Z');
	t.is(
		markerBody('cancelled', {by: 'r', at: '2026-11-25T09:05:06Z', reason: 'wrong input'}),
		'{"by":"r","at":"2026-11-25T09:05:06Z","reason":"wrong input"}',
	);
});

test('marker bodies are not written with a local time, a bad user or a newline', (t) => {
	t.throws(() => submittedBody('2026-11-25 09:05:06.315219'), {message: /ISO 8601 with a zone/});
	t.throws(() => claimBody('an: alyst', '2026-11-25T09:05:06Z'), {message: /": "/});
	t.throws(() => claimBody('a/b', '2026-11-25T09:05:06Z'), {message: /contains "\/"/});
	t.throws(() => claimBody('analyst', '2026-11-25T09:05:06Z\n'));
});

test('any body is tolerated on read', (t) => {
	t.deepEqual(parseMarkerBody(''), {});
	t.deepEqual(parseMarkerBody('  \n'), {});
	t.deepEqual(parseMarkerBody('yesterday'), {at: 'yesterday'});
	t.deepEqual(parseMarkerBody('{not json'), {reason: '{not json'});
	t.deepEqual(parseMarkerBody('{"by": 5, "reason": "disk full"}'), {reason: 'disk full'});
	t.deepEqual(parseMarkerBody('[1, 2]'), {at: '[1, 2]'});
	t.deepEqual(parseMarkerBody('analyst: 2026-11-25 09:05:09.646542\n'), {
		by: 'analyst',
		at: '2026-11-25 09:05:09.646542',
	});
});
