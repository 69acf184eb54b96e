import test from 'ava';
import type {Key} from 'ink';
import {splitKeys} from '../../source/ui/hooks/split-keys.js';

const plain = {ctrl: false, meta: false} as Key;

test('text and enter typed together become the characters, then enter', (t) => {
	const keys = splitKeys('ab\r', plain);
	t.deepEqual(
		keys.map(([input, key]) => (key.return ? '⏎' : input)),
		['a', 'b', '⏎'],
	);
});

test('space then enter in one chunk is a space key and an enter key', (t) => {
	const [space, enter] = splitKeys(' \r', plain);
	t.is(space?.[0], ' ');
	t.true(enter?.[1].return);
});

test('held backspace arrives as one backspace per DEL byte', (t) => {
	t.deepEqual(
		splitKeys('\u007F\u007F\u007F', plain).map(([, key]) => key.backspace),
		[true, true, true],
	);
});

test('a control letter inside a chunk keeps its meaning', (t) => {
	const [[input, key] = ['', plain]] = splitKeys('\u0015x', plain);
	t.is(input, 'u');
	t.true(key.ctrl);
});

test('a single key is passed on untouched', (t) => {
	const key = {...plain, upArrow: true} as Key;
	t.deepEqual(splitKeys('', key), [['', key]]);
});

test('an emoji is one key, not two halves', (t) => {
	t.deepEqual(
		splitKeys('😀a', plain).map(([input]) => input),
		['😀', 'a'],
	);
});
