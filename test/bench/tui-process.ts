/**
 * The built TUI in a real pseudo-terminal, timed frame by frame and counted byte by byte.
 * `script(1)` gives the program a pty (no node-pty); its output is read here as it arrives and
 * replayed into a headless xterm. Every frame is bracketed in a synchronized-update pair
 * (`CSI ?2026h` … `CSI ?2026l`), so a frame is complete when its closing sequence arrives: that
 * arrival time, taken with `performance.now()` on the data event, is the frame's time. The
 * resolution is that of the event loop plus the relay through script(1) (two pipe hops): well
 * under a millisecond when the machine is idle; the figures include whatever the shared machine
 * adds. Bytes are counted as the pty delivers them (with its `\n` → `\r\n`), which is what an
 * SSH connection would carry.
 */
import {execFile, spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {StringDecoder} from 'node:string_decoder';
import {promisify} from 'node:util';
import xterm from '@xterm/headless';

const run = promisify(execFile);
const repository = resolve(import.meta.dirname, '../..');
const endOfFrame = '\u001B[?2026l';

export type Frame = {time: number; lines: string[]};

export class TuiProcess {
	readonly started: number;
	/** Every byte the program has written to its terminal so far. */
	received = 0;
	private readonly child: ChildProcessWithoutNullStreams;
	private readonly terminal: xterm.Terminal;
	private readonly frames: Frame[] = [];
	private waiters: Array<() => void> = [];
	private pending = '';
	private exited = false;

	constructor(
		program: string,
		args: string[],
		environment: NodeJS.ProcessEnv,
		readonly size: {columns: number; rows: number},
		/** Node's own arguments before the program (`--import=tsx` to run from source). */
		nodeArgs: string[] = [],
	) {
		this.terminal = new xterm.Terminal({
			cols: size.columns,
			rows: size.rows,
			allowProposedApi: true,
		});
		const command = `stty cols ${size.columns} rows ${size.rows}; exec node ${[...nodeArgs, program, ...args].map(quote).join(' ')}`;
		this.started = performance.now();
		this.child = spawn('script', ['-qfec', command, '/dev/null'], {
			cwd: repository,
			env: environment,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		const decoder = new StringDecoder('utf8');
		this.child.stdout.on('data', (chunk: Buffer) => {
			const time = performance.now();
			this.received += chunk.length;
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

	/** Resident memory of the program itself (script's child), from /proc. */
	async rssBytes(): Promise<number> {
		const {stdout} = await run('pgrep', ['-P', String(this.child.pid)]);
		const pid = stdout.trim().split('\n')[0];
		const status = await readFile(`/proc/${pid}/status`, 'utf8');
		const match = /^VmRSS:\s+(\d+) kB/mu.exec(status);
		if (!match) throw new Error(`No VmRSS for ${pid}`);
		return Number(match[1]) * 1024;
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

	screen(): string[] {
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < this.size.rows; row++)
			lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines;
	}
}

function quote(value: string): string {
	return `'${value.replaceAll("'", `'\\''`)}'`;
}
