import test from 'ava';
import {Terminal} from './terminal.js';

// An SGR sequence that sets a foreground colour: 30–37, 90–97, 38;5;n or 38;2;r;g;b.
// eslint-disable-next-line no-control-regex -- the escape character is what is looked for
const colour = /\u001B\[(?:[\d;]*;)?(?:3[0-7]|9[0-7]|38;[25];[\d;]+)m/u;

for (const [label, env, coloured] of [
	['with colours', {}, true],
	['under NO_COLOR', {NO_COLOR: '1'}, false],
] as const) {
	test.serial(
		`the researcher's table ${label} shows each status by its glyph and word`,
		async (t) => {
			const terminal = await Terminal.open({env});
			t.teardown(() => terminal.close());
			await terminal.startIvjm();
			await terminal.waitFor('Who are you today?', 60_000);
			await terminal.press('Enter');
			await terminal.waitFor('PRS pipeline check', 30_000);
			const screen = await terminal.screenWithColours();
			t.is(colour.test(screen), coloured);
			for (const glyph of ['✔ ready', '◐ processing', '○ waiting', '– cancelled'])
				t.true(screen.includes(glyph), glyph);
		},
	);
}
