/**
 * The TUI cases of the bench: the built program in a 120×40 pty (tui-process.ts) on the local
 * store of 10,000 jobs. First frame after start; then one session that opens the researcher's
 * table and measures what a person on a slow link feels: bytes and time per `↓` inside a page
 * and per `↓` that scrolls the table, page-down, typed filter characters, the bytes an idle
 * screen sends, and the program's resident memory with the table open.
 */
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {jobName} from './job-shapes.js';
import {mebibyte, record} from './measure.js';
import {TuiProcess} from './tui-process.js';

const size = {columns: 120, rows: 40};
/** The program run from source: what `npm run build` bundles into dist/cli.js. */
const unbundledProgram = 'source/cli.tsx';

export type TuiResult = {
	program: string;
	/** Process start to the first complete frame (the role picker), one value per start. */
	firstFrameMs: number[];
	/** The same, run from source unbundled (`node --import=tsx source/cli.tsx`), in turn with it. */
	unbundledFirstFrameMs: number[];
	/** Enter to the first frame with every job's row (statuses in, task names may be pending). */
	rowsFromEnterMs: number;
	/** Process start to the first frame of the full job table, and enter to that frame. */
	tableFromStartMs: number;
	tableFromEnterMs: number;
	/** Rows of the table on screen at 120×40. */
	window: number;
	/** Key written to the frame that shows its effect. */
	moveMs: number[];
	filterMs: number[];
	/** Bytes sent for one `↓` (until 50 ms after its frame): inside the page, and scrolling. */
	pageStepBytes: number[];
	scrollStepBytes: number[];
	idleSeconds: number;
	idleBytes: number;
	/** VmRSS with the table open, after the keys. */
	rssBytes: number;
};

const down = '\u001B[B';
const pageDown = '\u001B[6~';
const escape = '\u001B';
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

export type TuiOptions = {
	/** The built program to start (dist/cli.js, or an older build to compare with). */
	program: string;
	store: string;
	user: string;
	jobs: number;
	starts: number;
	steps: number;
	pageMoves: number;
	queries: string[];
	idleSeconds: number;
	/** The TUI reloads the table every `refreshSeconds`; the default is the program's. */
	refreshSeconds?: number;
	loadTimeoutMs: number;
};

/**
 * The settings of a bench run: IVJM_BENCH_PROGRAM (default dist/cli.js) starts another build,
 * e.g. an older commit's, to compare with; IVJM_BENCH_IDLE_SECONDS (60) is the idle span.
 */
export function tuiOptions(store: string, user: string, jobs: number): TuiOptions {
	return {
		program: process.env['IVJM_BENCH_PROGRAM'] ?? 'dist/cli.js',
		store,
		user,
		jobs,
		starts: 5,
		steps: 20,
		pageMoves: 15,
		queries: ['09990', 'ready', 'fimm'],
		idleSeconds: Number(process.env['IVJM_BENCH_IDLE_SECONDS'] ?? 60),
		// No reload of the 10,000 jobs while keys are timed or the idle screen is counted.
		refreshSeconds: 3600,
		loadTimeoutMs: 15 * 60_000,
	};
}

export async function measureTui(options: TuiOptions): Promise<TuiResult> {
	const home = await mkdtemp(join(tmpdir(), 'ivjm-bench-tui-'));
	const environment: NodeJS.ProcessEnv = {
		PATH: process.env['PATH'],
		HOME: home,
		XDG_CONFIG_HOME: join(home, 'config'),
		XDG_DATA_HOME: join(home, 'data'),
		XDG_STATE_HOME: join(home, 'state'),
		XDG_CACHE_HOME: join(home, 'cache'),
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
	const start = () => new TuiProcess(options.program, args, environment, size);
	const rolePicker = (lines: string[]) => lines.some((line) => line.includes('Who are you today?'));
	try {
		const firstFrame = async (tui: TuiProcess) => {
			const frame = await tui.frameAfter(tui.started, rolePicker, 60_000);
			await tui.quit();
			return frame.time - tui.started;
		};
		const fromSource = () =>
			new TuiProcess(unbundledProgram, args, environment, size, ['--import=tsx']);
		const firstFrameMs: number[] = [];
		const unbundledFirstFrameMs: number[] = [];
		// tsx keeps its compiled files in a cache of its own: one start to fill it, not timed.
		await firstFrame(fromSource());
		for (let count = 0; count < options.starts; count++) {
			firstFrameMs.push(await firstFrame(start()));
			unbundledFirstFrameMs.push(await firstFrame(fromSource()));
		}

		const tui = start();
		try {
			await tui.frameAfter(tui.started, rolePicker, 60_000);
			await pause(500);
			const enter = tui.press('\r');
			const total = `of ${options.jobs.toLocaleString('en-US')} jobs`;
			const plainTotal = `of ${options.jobs} jobs`;
			const counted = (lines: string[]) =>
				lines.some((line) => line.includes(total) || line.includes(plainTotal));
			const selected = (index: number) => (lines: string[]) =>
				lines.some(
					(line) => line.includes('❯') && line.includes(jobName(options.jobs - 1 - index)),
				);
			const table = await tui.frameAfter(
				enter,
				(lines) => counted(lines) && selected(0)(lines),
				options.loadTimeoutMs,
			);
			const rowsFirst = await tui.frameAfter(enter, counted, 1000);
			const window = table.lines.filter((line) => /Job \d{5} /u.test(line)).length;
			const result: TuiResult = {
				program: options.program,
				firstFrameMs,
				unbundledFirstFrameMs,
				rowsFromEnterMs: rowsFirst.time - enter,
				tableFromStartMs: table.time - tui.started,
				tableFromEnterMs: table.time - enter,
				window,
				moveMs: [],
				filterMs: [],
				pageStepBytes: [],
				scrollStepBytes: [],
				idleSeconds: options.idleSeconds,
				idleBytes: 0,
				rssBytes: 0,
			};
			// Let the start settle (the names arrive, the first "updated" labels) before counting.
			await pause(2000);
			let cursor = 0;
			const step = async (keys: string, next: number, bytes?: number[]) => {
				tui.forget();
				const before = tui.received;
				const sent = tui.press(keys);
				const frame = await tui.frameAfter(sent, selected(next), 30_000);
				cursor = next;
				await pause(50);
				if (!bytes) return;
				result.moveMs.push(frame.time - sent);
				bytes.push(tui.received - before);
			};
			// ↓ inside the page; then, uncounted, down to its last row, so that every ↓ scrolls.
			const steps = Math.min(options.steps, window - 1);
			for (let count = 0; count < steps; count++)
				await step(down, cursor + 1, result.pageStepBytes);
			while (cursor < window - 1) await step(down, cursor + 1);
			for (let count = 0; count < steps; count++)
				await step(down, cursor + 1, result.scrollStepBytes);
			for (let count = 0; count < options.pageMoves; count++)
				await step(pageDown, cursor + window - 1, []);
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
					await pause(30);
				}
				tui.forget();
				const sent = tui.press(escape);
				await tui.frameAfter(
					sent,
					(lines) => lines.some((line) => line.includes(`${total}`) || line.includes(plainTotal)),
					30_000,
				);
				await pause(30);
			}
			result.rssBytes = await tui.rssBytes();
			await pause(1000);
			const idleFrom = tui.received;
			await pause(options.idleSeconds * 1000);
			result.idleBytes = tui.received - idleFrom;
			return result;
		} finally {
			await tui.quit();
		}
	} finally {
		await rm(home, {recursive: true, force: true});
	}
}

/** The result as rows of the bench's table. */
export function recordTui(result: TuiResult, jobsText: string): void {
	const tool = 'ivjm (built, in a 120×40 pty)';
	const base = {case: '4 TUI', tool, unit: 'ms' as const};
	const firstFrame = 'process start → first full frame (role picker)';
	for (const value of result.firstFrameMs)
		record(
			{...base, id: 'tui.first-frame', measure: firstFrame, peers: ['tui.first-frame.unbundled']},
			value,
		);
	for (const value of result.unbundledFirstFrameMs)
		record(
			{
				...base,
				id: 'tui.first-frame.unbundled',
				tool: 'ivjm unbundled, from source (node --import=tsx source/cli.tsx)',
				measure: firstFrame,
			},
			value,
		);
	record(
		{
			...base,
			id: 'tui.rows',
			unit: 's',
			measure: `enter → every row of ${jobsText} local jobs with its statuses (names may be pending)`,
		},
		result.rowsFromEnterMs / 1000,
	);
	record(
		{
			...base,
			id: 'tui.table',
			unit: 's',
			measure: `enter → full table of ${jobsText} local jobs (every name in)`,
		},
		result.tableFromEnterMs / 1000,
	);
	for (const value of result.moveMs)
		record(
			{
				...base,
				id: 'tui.move',
				p95: true,
				measure: `↓ or page-down → frame, ${jobsText}-job table`,
			},
			value,
		);
	for (const value of result.filterMs)
		record(
			{
				...base,
				id: 'tui.filter',
				p95: true,
				measure: `typed filter character → frame, ${jobsText} jobs`,
			},
			value,
		);
	for (const value of result.pageStepBytes)
		record(
			{
				...base,
				id: 'tui.bytes-page-step',
				unit: 'B',
				p95: true,
				measure: `bytes to the terminal per ↓ inside a page, ${jobsText}-job table`,
			},
			value,
		);
	for (const value of result.scrollStepBytes)
		record(
			{
				...base,
				id: 'tui.bytes-scroll-step',
				unit: 'B',
				p95: true,
				measure: `bytes per ↓ that scrolls the table by one row (${result.window} rows shown)`,
			},
			value,
		);
	record(
		{
			...base,
			id: 'tui.idle',
			unit: 'B/s',
			measure: `bytes per second, idle on the ${jobsText}-job table, over ${result.idleSeconds} s`,
		},
		result.idleBytes / result.idleSeconds,
	);
	record(
		{
			...base,
			id: 'tui.rss',
			unit: 'MiB',
			measure: `RSS with the ${jobsText}-job table open (after the keys above)`,
		},
		result.rssBytes / mebibyte,
	);
}
