import {Writable} from 'node:stream';
import {FrameWriter} from './frame-writer.js';

/** What the screen draws on: a terminal's output stream (process.stdout, or a test's). */
export type TerminalStream = {
	columns?: number;
	rows?: number;
	write(bytes: string): unknown;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
};

/** Frames closer together than this are drawn as one (a burst of progress events). */
const frameMs = 16;

/**
 * The stdout Ink renders to. Ink runs in debug mode, which hands over each frame whole; this
 * passes the latest frame to a FrameWriter that sends the terminal only what changed. It looks
 * like the terminal to Ink and to the app (size, resize events).
 */
export class InkScreen extends Writable {
	readonly isTTY = true;
	private readonly writer: FrameWriter;
	private latest: string | undefined;
	private scheduled: NodeJS.Timeout | 'soon' | undefined;
	private lastDraw = 0;
	private drawn: Array<() => void> = [];

	constructor(
		private readonly terminal: TerminalStream,
		makeWriter = (write: (bytes: string) => void) => new FrameWriter(write),
	) {
		super({decodeStrings: false});
		this.writer = makeWriter((bytes) => terminal.write(bytes));
		terminal.on('resize', this.resized);
	}

	get columns(): number {
		return this.terminal.columns || 80;
	}

	get rows(): number {
		return this.terminal.rows || 24;
	}

	/** The frame last drawn, or about to be: what the terminal shows (or will in a moment). */
	get frame(): string | undefined {
		return this.latest;
	}

	/** Resolves once every frame received so far is on the terminal. */
	async settled(): Promise<void> {
		if (this.scheduled === undefined) return;
		await new Promise<void>((done) => this.drawn.push(done));
	}

	/** Stops following the terminal's size; the last frame stays on it. */
	detach(): void {
		this.terminal.off('resize', this.resized);
		this.flush();
	}

	override _write(chunk: unknown, _encoding: BufferEncoding, done: () => void): void {
		const frame = String(chunk);
		if (frame !== '') {
			this.latest = frame;
			this.schedule();
		}
		done();
	}

	private readonly resized = () => {
		this.writer.invalidate();
		this.emit('resize');
		if (this.latest !== undefined) this.schedule();
	};

	/**
	 * A frame after a quiet spell is drawn as soon as the work in hand is done (a microtask):
	 * after the re-render a commit sets off synchronously (the footer following the keys a view
	 * publishes), before any timer, so a key's frame waits for no other task. Frames that follow
	 * within `frameMs` are drawn as one, at its end.
	 */
	private schedule(): void {
		if (this.scheduled !== undefined) return;
		const wait = this.lastDraw + frameMs - performance.now();
		if (wait > 0) {
			this.scheduled = setTimeout(() => this.flush(), wait);
			return;
		}
		this.scheduled = 'soon';
		queueMicrotask(() => {
			if (this.scheduled === 'soon') this.flush();
		});
	}

	private flush(): void {
		if (this.scheduled !== undefined && this.scheduled !== 'soon') clearTimeout(this.scheduled);
		this.scheduled = undefined;
		if (this.latest !== undefined) {
			this.lastDraw = performance.now();
			this.writer.draw(this.latest, {columns: this.columns, rows: this.rows});
		}
		for (const done of this.drawn.splice(0)) done();
	}
}
