import {EventEmitter} from 'node:events';
import xterm from '@xterm/headless';

type Size = {columns: number; rows: number};
type Event = {bytes: string; frame: string | undefined; size: Size} | {resize: Size};

/**
 * The terminal in a frame-equivalence test: what the app writes goes, in order, into a headless
 * xterm (as it would into a real terminal), and after every write that terminal is compared,
 * cell by cell (text, width, colours, attributes), with a fresh xterm on which the frame that
 * write stood for was painted from scratch.
 */
export class ReplayTerminal extends EventEmitter {
	/** The frame the app's screen is drawing: set once the screen exists. */
	frameOf: () => string | undefined = () => undefined;
	/** Resolves when the screen has drawn every frame it was given. */
	settled: () => Promise<void> = async () => undefined;
	framesChecked = 0;
	bytesWritten = 0;
	private readonly terminal: xterm.Terminal;
	private readonly queue: Event[] = [];

	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
		this.terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
		// The TUI runs in the alternate screen (terminal-screen.ts): no scrollback there.
		this.terminal.write('\u001B[?1049h');
	}

	write(bytes: string): boolean {
		this.bytesWritten += bytes.length;
		this.queue.push({bytes, frame: this.frameOf(), size: {columns: this.columns, rows: this.rows}});
		return true;
	}

	/** The window changes size: the terminal first, then the program is told (SIGWINCH). */
	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.queue.push({resize: {columns, rows}});
		this.emit('resize');
	}

	/** Replays what was written since the last call; the first difference found, if any. */
	async verify(): Promise<string | undefined> {
		while (this.queue.length > 0) {
			const event = this.queue.shift()!;
			if ('resize' in event) {
				this.terminal.resize(event.resize.columns, event.resize.rows);
				continue;
			}
			await new Promise<void>((done) => this.terminal.write(event.bytes, done));
			this.framesChecked++;
			const expected = await paintedFromScratch(event.frame ?? '', event.size);
			const difference = firstDifference(this.terminal, expected);
			expected.dispose();
			if (difference) return `frame ${this.framesChecked}: ${difference}`;
		}
		return undefined;
	}

	/**
	 * What the terminal shows at rest, compared with the screen's latest frame (also one that
	 * wrote nothing, being the same as the one before). A frame drawn meanwhile (a clock
	 * ticking) is checked first, then the comparison is made again.
	 */
	async verifyAtRest(): Promise<string | undefined> {
		for (;;) {
			await this.settled();
			const queued = await this.verify();
			if (queued) return queued;
			const size = {columns: this.columns, rows: this.rows};
			const expected = await paintedFromScratch(this.frameOf() ?? '', size);
			const difference = firstDifference(this.terminal, expected);
			expected.dispose();
			await this.settled();
			if (this.queue.length === 0) return difference ? `at rest: ${difference}` : undefined;
		}
	}

	dispose(): void {
		this.terminal.dispose();
	}
}

/**
 * Wide enough that no line of a frame wraps: a frame Ink laid out before a resize reached the
 * app can be wider than the terminal it is drawn on, and what a terminal shows of it is each
 * row cut at its right edge, not lines wrapped onto the rows below.
 */
const referenceColumns = 1000;

/**
 * A terminal on which `frame` was written whole, line after line, on a cleared screen; only its
 * first `size.columns` columns are compared.
 */
async function paintedFromScratch(frame: string, size: Size): Promise<xterm.Terminal> {
	const terminal = new xterm.Terminal({
		cols: Math.max(size.columns, referenceColumns),
		rows: size.rows,
		allowProposedApi: true,
	});
	const lines = frame.split('\n').slice(0, size.rows);
	await new Promise<void>((done) =>
		terminal.write(`\u001B[?1049h\u001B[H\u001B[2J${lines.join('\u001B[0m\r\n')}`, done),
	);
	return terminal;
}

function firstDifference(actual: xterm.Terminal, expected: xterm.Terminal): string | undefined {
	const a = actual.buffer.active;
	const b = expected.buffer.active;
	const lastColumn = actual.cols - 1;
	for (let row = 0; row < expected.rows; row++) {
		const lineA = a.getLine(row);
		const lineB = b.getLine(row);
		for (let column = 0; column <= lastColumn; column++) {
			const cellA = lineA?.getCell(column);
			const cellB = lineB?.getCell(column);
			const lookA = cellA ? look(cellA) : 'none';
			// A wide character cut by the right edge cannot be shown: that column stays blank.
			const lookB = !cellB
				? 'none'
				: column === lastColumn && cellB.getWidth() === 2
					? blankLook
					: look(cellB);
			if (lookA !== lookB) {
				return [
					`row ${row + 1}, column ${column + 1}: the terminal has ${lookA}, a from-scratch render ${lookB}`,
					`  terminal:     |${lineA?.translateToString(true) ?? ''}|`,
					`  from scratch: |${lineB?.translateToString(true, 0, actual.cols) ?? ''}|`,
				].join('\n');
			}
		}
	}
	return undefined;
}

const blankLook = '" " width 1 fg default bg default';

function look(cell: xterm.IBufferCell): string {
	const flags = [
		cell.isBold() && 'bold',
		cell.isDim() && 'dim',
		cell.isItalic() && 'italic',
		cell.isUnderline() && 'underline',
		cell.isInverse() && 'inverse',
		cell.isStrikethrough() && 'strike',
		cell.isInvisible() && 'invisible',
		cell.isBlink() && 'blink',
		cell.isOverline() && 'overline',
	].filter(Boolean);
	const colour = (mode: number, value: number) => (mode === 0 ? 'default' : `${mode}:${value}`);
	return `"${cell.getChars() || ' '}" width ${cell.getWidth()} fg ${colour(cell.getFgColorMode(), cell.getFgColor())} bg ${colour(cell.getBgColorMode(), cell.getBgColor())}${flags.length > 0 ? ` ${flags.join(' ')}` : ''}`;
}

/** Ink's stdin in a test: keys are written to it (as ink-testing-library does). */
export class KeyboardInput extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;

	type(keys: string): void {
		this.data = keys;
		this.emit('readable');
		this.emit('data', keys);
	}

	read(): string | null {
		const {data} = this;
		this.data = null;
		return data;
	}

	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}
