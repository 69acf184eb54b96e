/**
 * The built TUI in a real pseudo-terminal, timed frame by frame. `script(1)` gives the program a
 * pty (no node-pty); its output is read here as it arrives and replayed into a headless xterm.
 * Ink brackets every frame in a synchronized-update pair (`CSI ?2026h` … `CSI ?2026l`), so a
 * frame is complete when its closing sequence arrives: that arrival time, taken with
 * `performance.now()` on the data event, is the frame's time. The resolution is that of the
 * event loop plus the relay through script(1) (two pipe hops): well under a millisecond when
 * the machine is idle, and the measurements include whatever the shared machine adds.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {StringDecoder} from 'node:string_decoder';
import xterm from '@xterm/headless';
import {jobName} from './job-shapes.js';

const repository = resolve(import.meta.dirname, '../..');
const endOfFrame = '\u001B[?2026l';
const columns = 120;
const rows = 40;

type Frame = {time: number; lines: string[]};

/** One run of the built ivjm in a pty, with its frames as they complete. */
class TuiProcess {
	readonly started: number;
	private readonly child: ChildProcessWithoutNullStreams;
	private readonly terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	private readonly frames: Frame[] = [];
	private waiters: Array<() => void> = [];
	private pending = '';
	private exited = false;

	constructor(args: string[], environment: NodeJS.ProcessEnv) {
		const command = `stty cols ${columns} rows ${rows}; exec node dist/cli.js ${args.map(quote).join(' ')}`;
		this.started = performance.now();
		this.child = spawn('script', ['-qfec', command, '/dev/null'], {
			cwd: repository,
			env: environment,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		const decoder = new StringDecoder('utf8');
		this.child.stdout.on('data', (chunk: Buffer) => {
			const time = performance.now();
			this.pending += decoder.write(chunk);
			for (
				let end = this.pending.indexOf(endOfFrame);
				end !== -1;
				end = this.pending.indexOf(endOfFrame)
			) {
				const frame = this.pending.slice(0, end + endOfFrame.length);
				this.pending = this.pending.slice(end + endOfFrame.length);
				this.terminal.write(frame, () => {
					this.frames.push({time, lines: this.screen()});
					for (const wake of this.waiters.splice(0)) wake();
				});
			}
		});
		this.child.stderr.resume();
		this.child.on('exit', () => {
			this.exited = true;
			for (const wake of this.waiters.splice(0)) wake();
		});
	}

	/** The first frame completed after `since` whose screen satisfies `test`. */
	async frameAfter(
		since: number,
		test: (lines: string[]) => boolean,
		timeoutMs: number,
	): Promise<Frame> {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			const found = this.frames.find((frame) => frame.time >= since && test(frame.lines));
			if (found) return found;
			if (this.exited) throw new Error(`ivjm exited. Screen:\n${this.screen().join('\n')}`);
			const left = deadline - performance.now();
			if (left <= 0)
				throw new Error(
					`No such frame within ${timeoutMs} ms. Screen:\n${this.screen().join('\n')}`,
				);
			await new Promise<void>((wake) => {
				const timer = setTimeout(wake, left);
				this.waiters.push(() => {
					clearTimeout(timer);
					wake();
				});
			});
		}
	}

	/** Sends keys and returns the time they were written. */
	press(keys: string): number {
		const time = performance.now();
		this.child.stdin.write(keys);
		return time;
	}

	/** Keeps only frames newer than now: the search for the next one stays short. */
	forget(): void {
		this.frames.length = 0;
	}

	async quit(): Promise<void> {
		if (this.exited) return;
		const gone = new Promise((done) => this.child.once('exit', done));
		this.child.stdin.write('q');
		const timer = setTimeout(() => this.child.kill('SIGTERM'), 10_000);
		await gone;
		clearTimeout(timer);
		this.terminal.dispose();
	}

	private screen(): string[] {
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < rows; row++)
			lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines;
	}
}

function quote(value: string): string {
	return `'${value.replaceAll("'", `'\\''`)}'`;
}

export type TuiResult = {
	/** Process start to the first complete frame (the role picker), one value per start. */
	firstFrameMs: number[];
	/** Enter to the first frame with every job's row (statuses in, task names may be pending). */
	rowsFromEnterMs: number;
	/** Process start to the first frame of the full job table, and enter to that frame. */
	tableFromStartMs: number;
	tableFromEnterMs: number;
	/** Key written to the frame that shows its effect. */
	moveMs: number[];
	filterMs: number[];
};

const down = '\u001B[B';
const pageDown = '\u001B[6~';
const escape = '\u001B';

/**
 * Starts ivjm `starts` times to time its first frame, then once more: enter opens the
 * researcher's table of `jobs` jobs, ↓ and page-down move through it, and `/` filters it.
 */
export async function measureTui(options: {
	store: string;
	user: string;
	jobs: number;
	starts: number;
	moves: number;
	pageMoves: number;
	queries: string[];
	/** The TUI reloads the table every `refreshSeconds`; the default is the program's. */
	refreshSeconds?: number;
	loadTimeoutMs: number;
}): Promise<TuiResult> {
	const home = await mkdtemp(join(tmpdir(), 'ivjm-bench-tui-'));
	const environment: NodeJS.ProcessEnv = {
		PATH: process.env['PATH'],
		HOME: home,
		XDG_CONFIG_HOME: join(home, 'config'),
		XDG_DATA_HOME: join(home, 'data'),
		XDG_STATE_HOME: join(home, 'state'),
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
	};
	if (options.refreshSeconds !== undefined) {
		await mkdir(join(home, 'config', 'ivjm'), {recursive: true});
		await writeFile(
			join(home, 'config', 'ivjm', 'config.json'),
			JSON.stringify({refreshSeconds: options.refreshSeconds}),
		);
	}
	const args = ['--store', `local:${options.store}`, '--user', options.user];
	const rolePicker = (lines: string[]) => lines.some((line) => line.includes('Who are you today?'));
	try {
		const firstFrameMs: number[] = [];
		for (let start = 0; start < options.starts; start++) {
			const tui = new TuiProcess(args, environment);
			const frame = await tui.frameAfter(tui.started, rolePicker, 60_000);
			firstFrameMs.push(frame.time - tui.started);
			await tui.quit();
		}

		const tui = new TuiProcess(args, environment);
		try {
			await tui.frameAfter(tui.started, rolePicker, 60_000);
			// Ink turns on raw mode in an effect after its first frame; a person is slower than that.
			await new Promise((done) => setTimeout(done, 500));
			const enter = tui.press('\r');
			const total = `of ${options.jobs} jobs`;
			const selected = (index: number) => (lines: string[]) =>
				lines.some(
					(line) => line.includes('❯') && line.includes(jobName(options.jobs - 1 - index)),
				);
			const table = await tui.frameAfter(
				enter,
				(lines) => lines.some((line) => line.includes(total)) && selected(0)(lines),
				options.loadTimeoutMs,
			);
			// The first frame that counts every job: the statuses from the listing, names to come.
			const rowsFirst = await tui.frameAfter(
				enter,
				(lines) => lines.some((line) => line.includes(total)),
				1000,
			);
			const result: TuiResult = {
				firstFrameMs,
				rowsFromEnterMs: rowsFirst.time - enter,
				tableFromStartMs: table.time - tui.started,
				tableFromEnterMs: table.time - enter,
				moveMs: [],
				filterMs: [],
			};
			const settle = () => new Promise((done) => setTimeout(done, 30));
			let cursor = 0;
			const page = rows - 10 - 1;
			for (let move = 0; move < options.moves + options.pageMoves; move++) {
				tui.forget();
				const paging = move >= options.moves;
				cursor += paging ? page : 1;
				const sent = tui.press(paging ? pageDown : down);
				const frame = await tui.frameAfter(sent, selected(cursor), 30_000);
				result.moveMs.push(frame.time - sent);
				await settle();
			}
			const filterLine = (text: string) => (lines: string[]) =>
				lines.some((line) => line.trimStart().startsWith('/') && line.trim() === `/${text}`);
			for (const query of options.queries) {
				tui.press('/');
				await tui.frameAfter(
					0,
					(lines) => lines.some((line) => line.includes('type to filter')),
					30_000,
				);
				for (let typed = 1; typed <= query.length; typed++) {
					tui.forget();
					const sent = tui.press(query[typed - 1]!);
					const frame = await tui.frameAfter(sent, filterLine(query.slice(0, typed)), 30_000);
					result.filterMs.push(frame.time - sent);
					await settle();
				}
				tui.forget();
				const sent = tui.press(escape);
				await tui.frameAfter(
					sent,
					(lines) => lines.some((line) => line.includes(`${options.jobs} ${total}`)),
					30_000,
				);
				await settle();
			}
			return result;
		} finally {
			await tui.quit();
		}
	} finally {
		await rm(home, {recursive: true, force: true});
	}
}
