import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
import test from 'ava';
import {buildInkFrame, type InkOutput} from '../../../source/ui/render/ink-frame-builder.js';

// Ink's own frame builder, from the installed package (its exports do not name the file).
const inkOutputFile = createRequire(import.meta.url)
	.resolve('ink')
	.replace(/index\.js$/u, 'output.js');
type InkOutputClass = new (size: {width: number; height: number}) => InkOutput & {
	write(x: number, y: number, text: string, options: {transformers: unknown[]}): void;
	clip(clip: Record<string, number | undefined>): void;
	unclip(): void;
	get(): {output: string; height: number};
};
const {default: Output} = (await import(pathToFileURL(inkOutputFile).href)) as {
	default: InkOutputClass;
};

/** A small seeded generator: the same cases every run, so a failure can be replayed. */
function generator(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
	const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
	const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)]!;
	return {next, int, pick};
}

const pieces = [
	'Job 01234 prspipe',
	' ',
	'✔',
	'◐',
	'○ waiting',
	'❯ ',
	'漢字',
	'🧬',
	'e\u0301',
	'a long run of plain text that is wider than a small grid',
	'',
	'\t',
];
const styles = [
	['\u001B[31m', '\u001B[39m'],
	['\u001B[1m', '\u001B[22m'],
	['\u001B[44m', '\u001B[49m'],
	['\u001B[7m', '\u001B[27m'],
	['\u001B[2m', '\u001B[22m'],
] as const;

function randomText(random: ReturnType<typeof generator>): string {
	const lines: string[] = [];
	for (let line = random.int(1, 3); line > 0; line--) {
		let text = '';
		for (let part = random.int(0, 5); part > 0; part--) {
			const piece = random.pick(pieces);
			if (random.next() < 0.4) {
				const [open, close] = random.pick(styles);
				// Now and then a style left open at the end of the line, as a careless writer would.
				text += random.next() < 0.1 ? `${open}${piece}` : `${open}${piece}${close}`;
			} else text += piece;
		}
		lines.push(text);
	}
	return lines.join('\n');
}

function randomFrame(random: ReturnType<typeof generator>) {
	const output = new Output({width: random.int(1, 50), height: random.int(1, 12)});
	let clips = 0;
	for (let step = random.int(0, 25); step > 0; step--) {
		const roll = random.next();
		if (roll < 0.12) {
			const x1 = random.int(-3, output.width);
			const y1 = random.int(-2, output.height);
			output.clip({
				x1: random.next() < 0.8 ? x1 : undefined,
				x2: random.next() < 0.8 ? x1 + random.int(0, output.width) : undefined,
				y1: random.next() < 0.8 ? y1 : undefined,
				y2: random.next() < 0.8 ? y1 + random.int(0, output.height) : undefined,
			});
			clips++;
		} else if (roll < 0.2 && clips > 0) {
			output.unclip();
			clips--;
		} else {
			const transformers =
				random.next() < 0.2
					? [(line: string, index: number) => (index % 2 ? line.toUpperCase() : `>${line}`)]
					: [];
			output.write(
				random.int(-4, output.width + 2),
				random.int(-3, output.height + 1),
				randomText(random),
				{transformers},
			);
		}
	}
	return output;
}

test('frames are byte for byte the ones Ink builds, over random writes, clips and sizes', (t) => {
	const random = generator(20_261_205);
	let rows = 0;
	for (let frame = 0; frame < 3000; frame++) {
		const output = randomFrame(random);
		const ink = output.get();
		const ours = buildInkFrame(output);
		if (ours.output !== ink.output || ours.height !== ink.height) {
			t.is(ours.output, ink.output, `frame ${frame}, ${output.width}×${output.height}`);
			return;
		}
		rows += ink.output.split('\n').filter(Boolean).length;
	}
	// The cases drew something: not 3,000 empty frames compared with each other.
	t.true(rows > 5000, `${rows} non-empty rows compared`);
});

test('a row drawn again from what it remembers is the row Ink builds, at another width too', (t) => {
	const draw = (width: number, x: number) => {
		const output = new Output({width, height: 2});
		output.write(x, 0, '\u001B[32m✔ ready\u001B[39m  HUS', {transformers: []});
		output.write(0, 1, 'plain', {transformers: []});
		return {ours: buildInkFrame(output).output, ink: output.get().output};
	};
	for (const [width, x] of [
		[40, 2],
		[40, 2],
		[12, 2],
		[11, 2],
		[40, 0],
		[10, 3],
	] as const) {
		const {ours, ink} = draw(width, x);
		t.is(ours, ink, `${width} columns, x ${x}`);
	}
});
