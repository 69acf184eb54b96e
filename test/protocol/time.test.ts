import test from 'ava';
import {isIsoWithZone, isoWithOffset, parseIsoTime} from '../../source/protocol/time.js';

test('a time is written in ISO 8601 with the offset the caller gives', (t) => {
	const instant = Date.UTC(2026, 10, 25, 9, 5, 6, 356);
	t.is(isoWithOffset(instant, 120), '2026-11-25T11:05:06.356+02:00');
	t.is(isoWithOffset(instant, -330), '2026-11-25T03:35:06.356-05:30');
	t.is(isoWithOffset(instant), '2026-11-25T09:05:06.356+00:00');
	t.throws(() => isoWithOffset(instant, 19 * 60));
	t.throws(() => isoWithOffset(Number.NaN));
});

test('Swift listing times and our own times read as the same instant', (t) => {
	const instant = Date.UTC(2026, 10, 25, 9, 5, 9, 646);
	t.is(parseIsoTime('2026-11-25T09:05:09.646540'), instant);
	t.is(parseIsoTime('2026-11-25T11:05:09.646+02:00'), instant);
	t.is(parseIsoTime('2026-11-25 09:05:09.646Z'), instant);
	t.is(parseIsoTime('2026-11-25T09:05Z'), Date.UTC(2026, 10, 25, 9, 5));
	t.is(parseIsoTime(isoWithOffset(instant, 60)), instant);
});

test('what is not a time reads as none', (t) => {
	for (const text of [
		'',
		'yesterday',
		'2026-13-01T00:00:00',
		'2026-02-30T00:00:00',
		'2026-11-25T24:00:00',
		'2026-11-25T09:61:00',
		'2026-11-25',
	]) {
		t.is(parseIsoTime(text), undefined, text);
	}
});

test('marker times need a zone', (t) => {
	t.true(isIsoWithZone('2026-11-25T11:05:06.356+02:00'));
	t.true(isIsoWithZone('2026-11-25T09:05:06Z'));
	t.false(isIsoWithZone('2026-11-25 09:05:06.356236'));
});
