import test from 'ava';
import {
	cut,
	displayLines,
	displayMessage,
	displayText,
	joinDisplay,
	shown,
} from '../../source/text/display-text.js';
import {jsonText} from '../../source/text/json-text.js';
import {hostile, hostileField, megabyteLine, terminalControls} from './hostile-strings.js';

test('every hostile value becomes visible stand-ins on one line', (t) => {
	for (const [name, value] of Object.entries(hostile)) {
		const text = displayText(value);
		t.deepEqual(terminalControls(text), [], name);
		t.false(/[\n\r\t]/u.test(text), name);
	}

	t.is<string, string>(displayText(hostile.osc0Title), 'name␛]0;pwned-title␇');
	t.is<string, string>(displayText(hostile.c1Csi), 'eight-bit �31m csi');
	t.is<string, string>(displayText(hostile.bidiOverride), 'report�txt.exe');
	t.is<string, string>(displayText(hostile.nul), 'nul␀byte');
});

test('newlines, carriage returns and tabs in a one-line field become spaces', (t) => {
	t.is<string, string>(displayText('a\nb\r\nc\rd\te'), 'a b c d e');
});

test('a megabyte line is cut with a mark, and only its head is looked at', (t) => {
	const text = displayText(megabyteLine);
	t.is(Array.from(text).length, 500);
	t.true(text.endsWith('…'));
	t.is<string, string>(displayText('short', 10), 'short');
	t.is(cut('😀'.repeat(10), 4), '😀😀😀…');
});

test('plain text and other scripts pass unchanged', (t) => {
	t.is<string, string>(displayText('Pääkaupunkiseutu – 東京 ✔'), 'Pääkaupunkiseutu – 東京 ✔');
});

test('shown keeps our own literal text and cleans every value', (t) => {
	const text = shown`Cancelled ${hostile.osc52Clipboard}\tat ${3} biobanks\n`;
	t.is<string, string>(text, 'Cancelled ␛]52;c;ZWNobyBoaQ==␇\tat 3 biobanks\n');
	t.is<string, string>(
		shown`${displayText(hostile.csiClear)}`,
		displayText(hostile.csiClear),
		'cleaning twice changes nothing',
	);
	t.is<string, string>(joinDisplay([displayText('a\nb'), displayText('c')], ', '), 'a b, c');
});

test('a document keeps its lines, with tabs to the next stop', (t) => {
	t.deepEqual<string[], string[]>(displayLines('one\r\ntwo\tx\nthree\rback'), [
		'one',
		'two     x',
		'three␍back',
	]);
	t.deepEqual(terminalControls(displayLines(hostileField).join('\n')), []);
});

test('a message keeps its line breaks and is cut at 20 lines', (t) => {
	const message = displayMessage(`${hostile.osc0Title}\nsecond line\n${'x\n'.repeat(40)}`);
	t.deepEqual(terminalControls(message), []);
	t.is(message.split('\n')[1], 'second line');
	t.is(message.split('\n').length, 21);
});

test('JSON keeps the exact text, with C1, DEL and bidi controls escaped', (t) => {
	const value = {name: hostileField, del: '\u007F'};
	const json = jsonText(value);
	t.deepEqual(terminalControls(json), []);
	t.false(json.includes('\u007F'));
	t.deepEqual(JSON.parse(json), value);
	t.deepEqual(JSON.parse(jsonText(value, 0)), value);
});
