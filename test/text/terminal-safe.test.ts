import test from 'ava';
import {shorten, terminalSafe, terminalSafeLines} from '../../source/text/terminal-safe.js';

test('escape sequences are shown as visible stand-ins, never sent', (t) => {
	t.is<string, string>(terminalSafe('a\u001B[2Jb\u001B]0;pwned\u0007c'), 'a␛[2Jb␛]0;pwned␇c');
	t.is<string, string>(
		terminalSafe('8-bit CSI \u009B31m and DEL \u007F'),
		'8-bit CSI �31m and DEL ␡',
	);
});

test('bidirectional overrides are shown, so text cannot be reordered on screen', (t) => {
	t.is<string, string>(terminalSafe('rm -rf \u202Eexe.txt'), 'rm -rf �exe.txt');
});

test('one-line text shows newlines and tabs as stand-ins', (t) => {
	t.is<string, string>(terminalSafe('a\nb\tc\r'), 'a␊b␉c␍');
});

test('a document is cut into lines at LF and CRLF, tabs become spaces, a lone CR is shown', (t) => {
	t.deepEqual<string[], string[]>(terminalSafeLines('one\r\ntwo\tx\nthree\rback'), [
		'one',
		'two     x',
		'three␍back',
	]);
});

test('plain text and non-Latin letters pass unchanged', (t) => {
	t.is<string, string>(terminalSafe('Pääkaupunkiseutu – 東京 ✔'), 'Pääkaupunkiseutu – 東京 ✔');
});

test('a very long value is shortened with an ellipsis', (t) => {
	t.is(shorten('x'.repeat(10_000_000), 5), 'xxxx…');
	t.is(shorten('short', 5), 'short');
});
