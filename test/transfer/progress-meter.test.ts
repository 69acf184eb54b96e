import test from 'ava';
import {createProgressMeter} from '../../source/transfer/progress-meter.js';
import type {TransferProgress} from '../../source/transfer/transfer.js';

function meterWithClock(total: number) {
	let time = 0;
	const events: TransferProgress[] = [];
	const meter = createProgressMeter({
		total,
		now: () => time,
		onProgress: (event) => events.push(event),
	});
	return {
		meter,
		events,
		advance(ms: number) {
			time += ms;
		},
	};
}

test('events come at most ten times a second however often bytes arrive', (t) => {
	const {meter, events, advance} = meterWithClock(10_000_000);
	meter.phase('uploading');
	for (let ms = 0; ms < 2000; ms++) {
		advance(1);
		meter.moved(1000);
	}
	// One for the phase, then one per 100 ms.
	t.is(events.length, 1 + 20);
});

test('the rate is the bytes moved over the last seconds, and the ETA follows from it', (t) => {
	const {meter, events, advance} = meterWithClock(100_000_000);
	meter.phase('downloading');
	for (let step = 0; step < 30; step++) {
		advance(100);
		meter.moved(100_000);
	}
	const last = events.at(-1);
	t.is(last?.rate, 1_000_000);
	t.is(last?.done, 3_000_000);
	t.is(last?.etaSeconds, 97);
});

test('no rate is told in the first half second of a phase', (t) => {
	const {meter, events, advance} = meterWithClock(1_000_000);
	meter.phase('uploading');
	advance(200);
	meter.moved(10_000);
	t.is(events.at(-1)?.rate, undefined);
	t.is(events.at(-1)?.etaSeconds, undefined);
});

test('bytes found already done count towards done but not towards the rate', (t) => {
	const {meter, events, advance} = meterWithClock(10_000_000);
	meter.phase('uploading');
	advance(1000);
	meter.found(5_000_000);
	for (let step = 0; step < 10; step++) {
		advance(100);
		meter.moved(50_000);
	}
	const last = events.at(-1);
	t.is(last?.done, 5_500_000);
	t.true((last?.rate ?? 0) < 500_000, `rate ${last?.rate}`);
});

test('a new phase is told at once and starts again from zero', (t) => {
	const {meter, events, advance} = meterWithClock(1000);
	meter.phase('hashing');
	advance(1);
	meter.moved(1000);
	meter.phase('uploading');
	t.deepEqual(
		events.map((event) => [event.phase, event.done]),
		[
			['hashing', 0],
			['uploading', 0],
		],
	);
});

test('the final event is always told, at 100% with no time left, and only once', (t) => {
	const {meter, events} = meterWithClock(1000);
	meter.phase('downloading');
	meter.moved(400);
	meter.segment(2, 2);
	meter.finish();
	meter.finish();
	t.deepEqual(events.at(-1), {
		phase: 'done',
		done: 1000,
		total: 1000,
		etaSeconds: 0,
		segment: {index: 2, count: 2},
	});
	t.is(events.filter((event) => event.phase === 'done').length, 1);
});

test('done never passes the total', (t) => {
	const {meter, advance} = meterWithClock(1000);
	meter.phase('uploading');
	advance(500);
	meter.moved(5000);
	t.is(meter.current().done, 1000);
});
