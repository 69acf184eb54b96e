import test from 'ava';
import {clampChoice, moveChoice} from '../../source/ui/components/choice/choice-state.js';

test('moving down past the window scrolls it by one row', (t) => {
	t.deepEqual(moveChoice({cursor: 2, offset: 0}, 'down', 10, 3), {cursor: 3, offset: 1});
});

test('moving up from the first row stays on the first row', (t) => {
	t.deepEqual(moveChoice({cursor: 0, offset: 0}, 'up', 10, 3), {cursor: 0, offset: 0});
});

test('last and first jump to the ends and bring the window along', (t) => {
	t.deepEqual(moveChoice({cursor: 0, offset: 0}, 'last', 100, 10), {cursor: 99, offset: 90});
	t.deepEqual(moveChoice({cursor: 99, offset: 90}, 'first', 100, 10), {cursor: 0, offset: 0});
});

test('page down moves by one window less one row, and stops at the end', (t) => {
	t.deepEqual(moveChoice({cursor: 0, offset: 0}, 'pageDown', 100, 10), {cursor: 9, offset: 0});
	t.deepEqual(moveChoice({cursor: 95, offset: 90}, 'pageDown', 100, 10), {cursor: 99, offset: 90});
});

test('a list that shrank under the cursor keeps the cursor on an existing row', (t) => {
	t.deepEqual(clampChoice({cursor: 40, offset: 35}, 5, 10), {cursor: 4, offset: 0});
});

test('an empty list has its cursor at zero', (t) => {
	t.deepEqual(moveChoice({cursor: 3, offset: 0}, 'down', 0, 10), {cursor: 0, offset: 0});
});
