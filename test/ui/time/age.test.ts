import test from 'ava';
import {age, nextAgeChange} from '../../../source/ui/time/age.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const start = Date.UTC(2026, 0, 1);

test('ages fit four characters from seconds to years', (t) => {
	const at = (elapsed: number) => age(start, start + elapsed);
	t.is(at(45 * second), '45s');
	t.is(at(12 * minute + 59 * second), '12m');
	t.is(at(5 * hour), '5h');
	t.is(at(45 * day), '45d');
	t.is(at(60 * day), '60d');
	t.is(at(61 * day), '2mo');
	t.is(at(14 * 30.5 * day), '14mo');
	t.is(at(1000 * day), '2y');
	t.is(at(3 * 366 * day), '3y');
	t.is(at(-5 * second), '0s');
	for (const elapsed of [0, 59 * second, 7 * day, 700 * day, 40 * 365 * day])
		t.true(at(elapsed).length <= 4, at(elapsed));
});

test('the next change of an age label is a second ahead under a minute, then a minute, an hour, a day', (t) => {
	t.is(nextAgeChange(start, start + 5400), start + 6 * second);
	t.is(nextAgeChange(start, start + 90 * second), start + 2 * minute);
	t.is(nextAgeChange(start, start + 150 * minute), start + 3 * hour);
	t.is(nextAgeChange(start, start + 50 * hour), start + 3 * day);
	// The label really is the same until then, and different from then on.
	for (const elapsed of [5400, 90 * second, 150 * minute, 50 * hour, 400 * day]) {
		const next = nextAgeChange(start, start + elapsed);
		t.is(age(start, next - 1), age(start, start + elapsed));
	}
	t.not(age(start, nextAgeChange(start, start + 5400)), age(start, start + 5400));
});
