import test from 'ava';
import {editText} from '../../source/ui/components/text-field/text-field-state.js';

const type = (text: string) => editText({value: '', cursor: 0}, text, {});

test('typing inserts at the cursor', (t) => {
	t.deepEqual(editText({value: 'ac', cursor: 1}, 'b', {}), {value: 'abc', cursor: 2});
});

test('backspace removes the character before the cursor, and nothing at the start', (t) => {
	t.deepEqual(editText({value: 'abc', cursor: 3}, '', {backspace: true}), {value: 'ab', cursor: 2});
	t.deepEqual(editText({value: 'abc', cursor: 0}, '', {backspace: true}), {
		value: 'abc',
		cursor: 0,
	});
});

test('Ctrl-U clears to the start and Ctrl-W removes the last word', (t) => {
	t.deepEqual(editText({value: 'a path/to x', cursor: 11}, 'u', {ctrl: true}), {
		value: '',
		cursor: 0,
	});
	t.deepEqual(editText({value: 'one two', cursor: 7}, 'w', {ctrl: true}), {
		value: 'one ',
		cursor: 4,
	});
});

test('a pasted newline or escape sequence never reaches the value', (t) => {
	t.deepEqual(type('name\r\n'), {value: 'name', cursor: 4});
	t.deepEqual(type('a\u001B[31mb'), {value: 'a[31mb', cursor: 6});
});

test('arrows move the cursor within the text', (t) => {
	t.deepEqual(editText({value: 'ab', cursor: 2}, '', {leftArrow: true}), {value: 'ab', cursor: 1});
	t.deepEqual(editText({value: 'ab', cursor: 2}, '', {rightArrow: true}), {value: 'ab', cursor: 2});
});
