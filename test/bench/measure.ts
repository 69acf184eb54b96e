import {spawn} from 'node:child_process';
import {resolve} from 'node:path';

export const repository = resolve(import.meta.dirname, '../..');
export const mebibyte = 1024 * 1024;

export type Unit = 's' | 'ms' | 'MiB' | 'B' | 'B/s';

/** One measured quantity: every run's value, and the quantities it is compared with. */
export type Series = {
	id: string;
	case: string;
	measure: string;
	tool: string;
	unit: Unit;
	values: number[];
	/** Ids of the series this one is divided by in the ratio column. */
	peers?: string[];
	/** Bytes moved per run, for a throughput next to the time. */
	bytes?: number;
	p95?: boolean;
	/** Kept in the JSON, left out of the printed table. */
	hidden?: boolean;
};

export const series = new Map<string, Series>();

export function record(entry: Omit<Series, 'values'>, value: number): void {
	const existing = series.get(entry.id);
	if (existing) existing.values.push(value);
	else series.set(entry.id, {...entry, values: [value]});
}

export type Timed = {seconds: number; maxRssBytes: number; stdout: string; lines: number};

/** A whole process under GNU time: wall seconds and peak RSS; stdout counted, and kept if asked. */
export async function timed(
	command: string,
	args: string[],
	options: {env?: NodeJS.ProcessEnv; cwd?: string; keep?: boolean} = {},
): Promise<Timed> {
	return new Promise((done, fail) => {
		const child = spawn('/usr/bin/time', ['-f', 'IVJM_TIME %e %M', command, ...args], {
			cwd: options.cwd ?? repository,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const kept: Buffer[] = [];
		let lines = 0;
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			for (const byte of chunk) if (byte === 10) lines++;
			if (options.keep) kept.push(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr = (stderr + chunk.toString()).slice(-20_000);
		});
		child.on('error', fail);
		child.on('close', (code) => {
			const match = /IVJM_TIME ([\d.]+) (\d+)/.exec(stderr);
			if (code !== 0 || !match) {
				fail(new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr.slice(-2000)}`));
				return;
			}
			done({
				seconds: Number(match[1]),
				maxRssBytes: Number(match[2]) * 1024,
				stdout: Buffer.concat(kept).toString(),
				lines,
			});
		});
	});
}

/** The essential steps still to come, each with its estimated cost in seconds. */
export type Reserve = () => number;

/**
 * The time budget of the whole run. Essential steps always run once; an optional step or an
 * extra run only starts when it, and then every essential step still to come, fit in what is
 * left. On a loaded machine the bench so gets fewer runs rather than running over; the table
 * shows n for every row.
 */
export class Budget {
	constructor(
		private readonly startedAt: number,
		readonly seconds: number,
		private readonly reserve: Reserve,
		private readonly log: (message: string) => void,
	) {}

	elapsed(): number {
		return (Date.now() - this.startedAt) / 1000;
	}

	left(): number {
		return this.seconds - this.elapsed() - this.reserve();
	}

	fits(cost: number): boolean {
		return cost <= this.left();
	}

	/** Runs `once` at least once and up to `runs` times, while the next run (as long as the last) fits. */
	async repeat(runs: number, what: string, once: (run: number) => Promise<void>): Promise<number> {
		for (let index = 0; index < runs; index++) {
			const started = performance.now();
			await once(index);
			const last = (performance.now() - started) / 1000;
			if (index + 1 < runs && !this.fits(last)) {
				this.log(`  ${what}: ${index + 1} of ${runs} runs, the next would not fit in the budget`);
				return index + 1;
			}
		}
		return runs;
	}
}
