/* eslint-disable no-control-regex -- the escape sequences written are what is tested */
import test from 'ava';
import fc from 'fast-check';
import {FrameWriter} from '../../../source/ui/render/frame-writer.js';
import {ReplayTerminal} from './replay-terminal.js';

const size = {columns: 40, rows: 12};
const bold = (text: string) => `\u001B[1m${text}\u001B[22m`;
const inverse = (text: string) => `\u001B[7m${text}\u001B[27m`;
const cyan = (text: string) => `\u001B[36m${text}\u001B[39m`;
const grey = (text: string) => `\u001B[90m${text}\u001B[39m`;

function rig() {
	const terminal = new ReplayTerminal(size.columns, size.rows);
	let frame = '';
	terminal.frameOf = () => frame;
	const writes: string[] = [];
	const writer = new FrameWriter((bytes) => {
		writes.push(bytes);
		terminal.write(bytes);
	});
	const draw = (lines: string[]) => {
		frame = lines.join('\n');
		writer.draw(frame, size);
	};
	return {terminal, writer, writes, draw};
}

const table = (cursor: number, offset: number) =>
	Array.from({length: size.rows}, (_, row) => {
		const index = offset + row;
		const text = `job ${String(index).padStart(4, '0')} ✔ ready  ◐ 12m`;
		return index === cursor ? inverse(`❯ ${text}`) : `  ${text}`;
	});

test('a frame that changes nothing writes nothing', (t) => {
	const {writes, draw} = rig();
	draw(table(0, 0));
	draw(table(0, 0));
	t.is(writes.length, 1);
});

test('moving the cursor within a page rewrites the two rows that changed, and never clears the screen', async (t) => {
	const {terminal, writes, draw} = rig();
	draw(table(0, 0));
	draw(table(1, 0));
	t.is(writes.length, 2);
	const step = writes[1]!;
	t.false(/\u001B\[[23]J/u.test(step));
	t.true(step.length < 2 * size.columns + 60, `${step.length} bytes`);
	t.is(await terminal.verify(), undefined);
});

test('a table scrolled by one row is moved by the terminal: only the new row is written', async (t) => {
	const {terminal, writes, draw} = rig();
	draw(['header', ...table(10, 0).slice(1)]);
	draw(['header', ...table(11, 1).slice(1)]);
	const step = writes[1]!;
	// Rows 2-9 move up with the terminal's scroll; the rest (the rows whose selection changed
	// and the one scrolled in) is written.
	t.regex(step, /\u001B\[2;10r\u001B\[S\u001B\[r/u);
	t.true(step.length < 2 * size.columns + 80, `${step.length} bytes`);
	t.is(await terminal.verify(), undefined);
});

test('nothing but SGR reaches the terminal from a frame: other escapes and controls are dropped', async (t) => {
	const {writes, draw} = rig();
	draw(['a\u001B]0;title\u0007b\u0007c\u001B[2Jd']);
	t.false(writes[0]!.includes(']0;'));
	t.false(writes[0]!.includes('\u0007'));
	t.true(writes[0]!.includes('abcd'));
});

// Lines drawn from a small pool, so that rows recur, move and scroll as a table's do. As Ink's
// lines, none is wider than the terminal.
const pool = [
	'',
	'plain text',
	bold('bold heading') + ' and more',
	inverse('❯ selected row, inverse up to the edge  '),
	`${cyan('accent')} ${grey('muted')} ✔ ✘ ◐ ○ ⊘ – ·`,
	'漢字 wide characters 漢字',
	'emoji 🙂 in a name',
	'x'.repeat(size.columns),
	`${'z'.repeat(size.columns - 2)}漢`,
	`${'w'.repeat(size.columns - 3)}漢.`,
	inverse(' '.repeat(10)),
	'trailing spaces   ',
	`${inverse('sel')}${bold('b')}${cyan('c')}   x`,
];

const frameArbitrary = fc.array(fc.integer({min: 0, max: pool.length - 1}), {
	minLength: size.rows,
	maxLength: size.rows,
});
type Change =
	| {kind: 'frame'; lines: number[]}
	| {kind: 'shift'; top: number; bottom: number; by: number; fill: number}
	| {kind: 'edit'; row: number; line: number};
const changeArbitrary: fc.Arbitrary<Change> = fc.oneof(
	frameArbitrary.map((lines) => ({kind: 'frame' as const, lines})),
	fc.record({
		kind: fc.constant('shift' as const),
		top: fc.integer({min: 0, max: size.rows - 1}),
		bottom: fc.integer({min: 0, max: size.rows - 1}),
		by: fc.integer({min: -4, max: 4}),
		fill: fc.integer({min: 0, max: pool.length - 1}),
	}),
	fc.record({
		kind: fc.constant('edit' as const),
		row: fc.integer({min: 0, max: size.rows - 1}),
		line: fc.integer({min: 0, max: pool.length - 1}),
	}),
);

function apply(lines: number[], change: Change): number[] {
	if (change.kind === 'frame') return change.lines;
	const next = [...lines];
	if (change.kind === 'edit') next[change.row] = change.line;
	else {
		const top = Math.min(change.top, change.bottom);
		const bottom = Math.max(change.top, change.bottom);
		for (let row = top; row <= bottom; row++) {
			const source = row + change.by;
			next[row] = source >= top && source <= bottom ? lines[source]! : change.fill;
		}
	}
	return next;
}

test('any sequence of frames (scrolled blocks, wide characters, full lines, styles) ends up exactly as painted from scratch', async (t) => {
	let scrolls = 0;
	await fc.assert(
		fc.asyncProperty(
			frameArbitrary,
			fc.array(changeArbitrary, {maxLength: 40}),
			async (first, changes) => {
				const {terminal, writes, draw} = rig();
				let lines = first;
				draw(lines.map((index) => pool[index]!));
				for (const change of changes) {
					lines = apply(lines, change);
					draw(lines.map((index) => pool[index]!));
				}
				scrolls += writes.filter((bytes) => /\u001B\[\d*[ST]/u.test(bytes)).length;
				const difference = await terminal.verify();
				terminal.dispose();
				return difference === undefined;
			},
		),
		{numRuns: 150},
	);
	t.true(scrolls > 20, `${scrolls} scrolls`);
});

// After a resize, Ink can hand over one frame laid out for the old width before the app has
// re-rendered for the new one (seen in CI under load): each row is cut at the right edge, and a
// wide character the edge cuts in half is left blank, never wrapped onto the next row.
test('a frame wider than the terminal is cut at its right edge, row by row', async (t) => {
	const {terminal, writer} = rig();
	const wide = Array.from(
		{length: size.rows},
		(_, row) =>
			`${String(row).padStart(2, '0')} ${'x'.repeat(size.columns - 4)}界 and more past the edge`,
	);
	let frame = wide.join('\n');
	terminal.frameOf = () => frame;
	writer.draw(frame, size);
	t.is(await terminal.verify(), undefined);
	frame = table(2, 0).join('\n');
	writer.draw(frame, size);
	t.is(await terminal.verify(), undefined);
	t.true(terminal.framesChecked === 2);
});
