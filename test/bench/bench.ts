/**
 * `npm run bench`: ivjm next to the tools a user would otherwise use, on this machine, in one
 * run, reported as medians and ratios (never asserted: machines are shared and noisy).
 * test/bench/run.sh starts the test Swift, installs the peers and builds; this file runs the
 * cases of issue 9 and writes test/bench/results/latest.{json,md}.
 *
 *   1 overview: `ivjm jobs --json` (the researcher's job × biobank matrix) against
 *     `swift list --prefix jobs/<user>/` on Swift, and against `find` on the local store
 *   2 transfers: 1 GiB up and down by ivjm, python-swiftclient and rclone (transfer-memory.ts)
 *   3 peak RSS of each of those processes
 *   4 the built TUI in a pty: first frame, the 10,000-job table, key-to-frame latency
 *   5 scaling: the overview at growing job counts, with a least-squares slope
 *
 * Settings (environment): IVJM_BENCH_RUNS (3), IVJM_BENCH_BUDGET_MINUTES (20),
 * IVJM_BENCH_LOCAL_LARGE (50000; 0 skips it), IVJM_BENCH_BYTES (1 GiB), IVJM_BENCH_RESEED=1.
 */
import {execFile, spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {cpus, loadavg, release, tmpdir, totalmem} from 'node:os';
import {join, resolve} from 'node:path';
import {promisify} from 'node:util';
import {encodeSegment, folderPath} from '../../source/storage/local/encoded-names.js';
import {benchJob, underUser} from './job-shapes.js';
import type {ProbeReport} from './overview-probe.js';
import {summariseProfile, type ProfileSummary} from './profile-summary.js';
import {localBucket, seedLocalJobs} from './seed-local.js';
import {
	backendFromEnvironment,
	createContainer,
	seedSwiftJobs,
	signIn,
	type SeedReport,
	type SwiftAccount,
} from './seed-swift.js';
import {leastSquares, median, percentile, type Fit} from './stats.js';
import {measureTui, type TuiResult} from './tui-latency.js';

const run = promisify(execFile);
const here = import.meta.dirname;
const repository = resolve(here, '../..');
const mebibyte = 1024 * 1024;
const environment = process.env;

const settings = {
	runs: Number(environment['IVJM_BENCH_RUNS'] ?? 3),
	budgetSeconds: Number(environment['IVJM_BENCH_BUDGET_MINUTES'] ?? 20) * 60,
	/** run.sh's start, so that the budget counts server start and build too. */
	startedAt: Number(environment['IVJM_BENCH_STARTED_AT'] ?? Date.now()),
	swiftSizes: [1000, 2000, 5000],
	localSizes: [1000, 2000, 5000, 10_000],
	localLarge: Number(environment['IVJM_BENCH_LOCAL_LARGE'] ?? 50_000),
	transferBytes: Number(environment['IVJM_BENCH_BYTES'] ?? 1024 * mebibyte),
	smallTransferBytes: 128 * mebibyte,
	container: 'ivjm-bench-overview',
	localUser: 'benchuser',
};

const elapsed = () => (Date.now() - settings.startedAt) / 1000;
const budgetShare = settings.budgetSeconds / (20 * 60);

function log(message: string): void {
	process.stderr.write(`[bench ${formatDuration(elapsed())}] ${message}\n`);
}

// ---------------------------------------------------------------- measurements

type Unit = 's' | 'ms' | 'MiB';

/** One measured quantity: every run's value, and the quantity it is compared with. */
type Series = {
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
	note?: string;
	/** Kept in the JSON, left out of the printed table. */
	hidden?: boolean;
};

const series = new Map<string, Series>();

function record(entry: Omit<Series, 'values'>, value: number): void {
	const existing = series.get(entry.id);
	if (existing) existing.values.push(value);
	else series.set(entry.id, {...entry, values: [value]});
}

type Timed = {seconds: number; maxRssBytes: number; stdout: string; lines: number};

/** A whole process under GNU time: wall seconds and peak RSS, stdout counted (and kept if asked). */
async function timed(
	command: string,
	args: string[],
	options: {env?: NodeJS.ProcessEnv; cwd?: string; keep?: boolean} = {},
): Promise<Timed> {
	return new Promise((done, fail) => {
		const child = spawn('/usr/bin/time', ['-f', 'IVJM_TIME %e %M', command, ...args], {
			cwd: options.cwd ?? repository,
			env: options.env ?? environment,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const kept: Buffer[] = [];
		let lines = 0;
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			for (const byte of chunk) if (byte === 10) lines++;
			if (options.keep) kept.push(chunk);
		});
		child.stderr.on(
			'data',
			(chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)),
		);
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

/**
 * Runs `once` up to `settings.runs` times, but stops after the first run once `allowance`
 * seconds (scaled with the budget) are used up: on a loaded machine a case gets fewer runs
 * rather than the whole bench going over its budget. The table shows n.
 */
async function repeat(allowance: number, once: (run: number) => Promise<void>): Promise<void> {
	const started = performance.now();
	for (let index = 0; index < settings.runs; index++) {
		const before = performance.now();
		await once(index);
		const spent = (performance.now() - started) / 1000;
		const last = (performance.now() - before) / 1000;
		if (spent + last > allowance * budgetShare) {
			if (index + 1 < settings.runs)
				log(
					`  stopping after ${index + 1} run(s): the next would pass this case's share of the budget`,
				);
			return;
		}
	}
}

// ---------------------------------------------------------------- case 1 and 5: the overview

function cleanEnvironment(home: string): NodeJS.ProcessEnv {
	const kept = Object.fromEntries(
		Object.entries(environment).filter(
			([name]) => !name.startsWith('OS_') && !name.startsWith('ST_') && !name.startsWith('SWIFT_'),
		),
	);
	return {
		...kept,
		HOME: home,
		XDG_CONFIG_HOME: join(home, 'config'),
		XDG_DATA_HOME: join(home, 'data'),
		XDG_STATE_HOME: join(home, 'state'),
	};
}

function checkJobs(stdout: string, jobs: number, where: string): void {
	const rows = JSON.parse(stdout) as Array<{state: string}>;
	const invalid = rows.filter((row) => row.state === 'invalid').length;
	if (rows.length !== jobs || invalid > 0)
		throw new Error(
			`ivjm jobs on ${where} showed ${rows.length} jobs (${invalid} invalid), not ${jobs}`,
		);
}

const jobsLabel = (jobs: number) => jobs.toLocaleString('en-US');

async function swiftOverview(
	account: SwiftAccount,
	home: string,
	user: string,
	jobs: number,
	rows: number,
	allowance: number,
): Promise<void> {
	const base = cleanEnvironment(home);
	const ivjmEnvironment = {
		...base,
		OS_AUTH_TOKEN: account.token,
		OS_STORAGE_URL: account.storageUrl,
		OS_USERNAME: user,
		OS_PROJECT_NAME: 'project_2004504',
	};
	const measure = `${jobsLabel(jobs)} jobs × 5 biobanks, Swift (${jobsLabel(rows)} objects)`;
	const ids = {ivjm: `overview.swift.${jobs}.ivjm`, swift: `overview.swift.${jobs}.swift`};
	const caseName = jobs === 1000 ? '1 overview' : '5 scaling';
	log(`overview on Swift, ${jobs} jobs`);
	await repeat(allowance, async () => {
		const ivjm = await timed(
			process.execPath,
			['dist/cli.js', 'jobs', '--json', '--bucket', settings.container],
			{env: ivjmEnvironment, keep: true},
		);
		checkJobs(ivjm.stdout, jobs, `Swift as ${user}`);
		const swift = await timed(
			'/usr/bin/swift',
			[
				'--os-auth-token',
				account.token,
				'--os-storage-url',
				account.storageUrl,
				'list',
				'--prefix',
				`jobs/${user}/`,
				settings.container,
			],
			{env: base},
		);
		if (swift.lines !== rows) throw new Error(`swift list gave ${swift.lines} names, not ${rows}`);
		const ivjmRow = {case: caseName, measure, unit: 's' as const};
		record({...ivjmRow, id: ids.ivjm, tool: 'ivjm jobs --json', peers: [ids.swift]}, ivjm.seconds);
		record({...ivjmRow, id: ids.swift, tool: 'swift list --prefix (lower bound)'}, swift.seconds);
		const rss = {
			case: '3 memory',
			measure: `peak RSS, overview ${measure}`,
			unit: 'MiB' as const,
			hidden: jobs !== 1000,
		};
		record(
			{...rss, id: `rss.${ids.ivjm}`, tool: 'ivjm jobs --json', peers: [`rss.${ids.swift}`]},
			ivjm.maxRssBytes / mebibyte,
		);
		record(
			{...rss, id: `rss.${ids.swift}`, tool: 'swift list --prefix'},
			swift.maxRssBytes / mebibyte,
		);
	});
}

function localUserFolder(root: string, user: string): string {
	return join(root, encodeSegment(localBucket), ...folderPath(`jobs/${user}`));
}

async function localOverview(
	root: string,
	home: string,
	jobs: number,
	files: number,
	allowance: number,
): Promise<void> {
	const base = cleanEnvironment(home);
	const measure = `${jobsLabel(jobs)} jobs × 5 biobanks, local store (${jobsLabel(files)} files)`;
	const ids = {ivjm: `overview.local.${jobs}.ivjm`, find: `overview.local.${jobs}.find`};
	const caseName = jobs === 10_000 ? '1 overview' : '5 scaling';
	log(`overview on the local store, ${jobs} jobs`);
	await repeat(allowance, async () => {
		const ivjm = await timed(
			process.execPath,
			['dist/cli.js', 'jobs', '--json', '--store', `local:${root}`, '--user', settings.localUser],
			{env: base, keep: true},
		);
		checkJobs(ivjm.stdout, jobs, `the local store`);
		const find = await timed('find', [localUserFolder(root, settings.localUser), '-type', 'f'], {
			env: base,
		});
		if (find.lines !== files) throw new Error(`find gave ${find.lines} files, not ${files}`);
		const row = {case: caseName, measure, unit: 's' as const};
		record({...row, id: ids.ivjm, tool: 'ivjm jobs --json', peers: [ids.find]}, ivjm.seconds);
		record({...row, id: ids.find, tool: 'find -type f (walk only, lower bound)'}, find.seconds);
		const rss = {
			case: '3 memory',
			measure: `peak RSS, overview ${measure}`,
			unit: 'MiB' as const,
			hidden: jobs < 10_000,
		};
		record(
			{...rss, id: `rss.${ids.ivjm}`, tool: 'ivjm jobs --json', peers: [`rss.${ids.find}`]},
			ivjm.maxRssBytes / mebibyte,
		);
		record({...rss, id: `rss.${ids.find}`, tool: 'find -type f'}, find.maxRssBytes / mebibyte);
	});
}

type Probe = {report: ProbeReport; profile: ProfileSummary};

/** One overview in-process with phases, request counts, memory and a CPU profile. */
async function probeOverview(args: string[], env: NodeJS.ProcessEnv): Promise<Probe> {
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-bench-profile-'));
	try {
		const {stdout} = await run(
			process.execPath,
			[
				'--cpu-prof',
				`--cpu-prof-dir=${folder}`,
				'--import=tsx',
				join(here, 'overview-probe.ts'),
				...args,
			],
			{cwd: repository, env, maxBuffer: 64 * mebibyte},
		);
		return {
			report: JSON.parse(stdout.trim()) as ProbeReport,
			profile: await summariseProfile(folder),
		};
	} finally {
		await rm(folder, {recursive: true, force: true});
	}
}

// ---------------------------------------------------------------- case 2 and 3: transfers

type TransferResult = {
	tool: string;
	operation: 'upload' | 'download';
	seconds: number;
	maxRssBytes: number;
	own?: {
		baselineRss: number;
		sampledPeakRss: number;
		vmHwm: number;
		phases: Record<string, number>;
	};
};

/** One round of test/bench/transfer-memory.ts (another engineer's bench), read from its JSON. */
async function transferRound(bytes: number): Promise<TransferResult[]> {
	const folder = join(here, 'results');
	await mkdir(folder, {recursive: true});
	const before = new Set(await readdir(folder));
	const child = await timed(process.execPath, ['--import=tsx', join(here, 'transfer-memory.ts')], {
		env: {...environment, IVJM_BENCH_BYTES: String(bytes)},
		keep: true,
	});
	const written = (await readdir(folder)).filter(
		(name) => name.startsWith('transfer-memory-') && !before.has(name),
	);
	// Other runs of it may write next to ours: ours is the one whose ivjm upload time it printed.
	for (const name of written) {
		const data = JSON.parse(await readFile(join(folder, name), 'utf8')) as {
			bytes: number;
			results: TransferResult[];
		};
		const upload = data.results.find(
			(result) => result.tool === 'ivjm' && result.operation === 'upload',
		);
		if (data.bytes === bytes && upload && child.stdout.includes(`'${upload.seconds.toFixed(1)}'`)) {
			await rm(join(folder, name));
			return data.results;
		}
	}
	throw new Error(`transfer-memory.ts wrote no result of its own:\n${child.stdout}`);
}

const peerNames: Record<string, string> = {
	ivjm: 'ivjm (SHA-256 on)',
	'python-swiftclient': 'swift upload -S 256M --use-slo / swift download',
	rclone: 'rclone copy',
};

function recordTransfers(results: TransferResult[], bytes: number, caseName: string): void {
	const size =
		bytes >= 1024 * mebibyte ? `${bytes / (1024 * mebibyte)} GiB` : `${bytes / mebibyte} MiB`;
	for (const result of results) {
		const key = result.tool === 'python-swiftclient' ? 'swift' : result.tool;
		const id = `${result.operation}.${bytes}.${key}`;
		const peers =
			key === 'ivjm'
				? [`${result.operation}.${bytes}.swift`, `${result.operation}.${bytes}.rclone`]
				: undefined;
		const tool = peerNames[result.tool] ?? result.tool;
		if (caseName === '2 transfer') {
			record(
				{
					id,
					case: caseName,
					measure: `${result.operation} ${size} (segments of 256 MiB, 4 in parallel for ivjm)`,
					tool,
					unit: 's',
					bytes,
					peers,
					note:
						key === 'ivjm'
							? 'time inside the process: start-up and sign-in (about 0.5 s) not counted'
							: undefined,
				},
				result.seconds,
			);
		}
		record(
			{
				id: `rss.${id}`,
				case: '3 memory',
				measure: `peak RSS, ${result.operation} ${size}`,
				tool,
				unit: 'MiB',
				peers: peers?.map((peer) => `rss.${peer}`),
			},
			result.maxRssBytes / mebibyte,
		);
		if (result.own) {
			record(
				{
					id: `growth.${id}`,
					case: '3 memory',
					measure: `RSS growth during the ${result.operation} of ${size} (over the signed-in process)`,
					tool,
					unit: 'MiB',
				},
				(Math.max(result.own.sampledPeakRss, result.own.vmHwm) - result.own.baselineRss) / mebibyte,
			);
			for (const [phase, seconds] of Object.entries(result.own.phases)) {
				phases.push({operation: result.operation, bytes, phase, seconds});
			}
		}
	}
}

const phases: Array<{operation: string; bytes: number; phase: string; seconds: number}> = [];

// ---------------------------------------------------------------- the table

function formatValue(value: number, unit: Unit): string {
	if (!Number.isFinite(value)) return '';
	if (unit === 's')
		return value >= 100
			? `${value.toFixed(0)} s`
			: value >= 10
				? `${value.toFixed(1)} s`
				: `${value.toFixed(2)} s`;
	if (unit === 'ms') return `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
	return `${value.toFixed(0)} MiB`;
}

function formatDuration(seconds: number): string {
	const minutes = Math.floor(seconds / 60);
	return `${minutes}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}

function ratioText(entry: Series): string {
	if (!entry.peers) return '';
	return entry.peers
		.map((id) => series.get(id))
		.filter((peer): peer is Series => peer !== undefined)
		.map(
			(peer) =>
				`${(median(entry.values) / median(peer.values)).toFixed(2)} × ${peer.tool.split(' (')[0]}`,
		)
		.join(', ');
}

type Row = {
	case: string;
	measure: string;
	tool: string;
	n: string;
	median: string;
	p95: string;
	min: string;
	max: string;
	ratio: string;
};

function rowOf(entry: Series): Row {
	const rate = entry.bytes
		? ` (${(entry.bytes / mebibyte / median(entry.values)).toFixed(0)} MiB/s)`
		: '';
	return {
		case: entry.case,
		measure: entry.measure,
		tool: entry.tool,
		n: String(entry.values.length),
		median: formatValue(median(entry.values), entry.unit) + rate,
		p95: entry.p95 ? formatValue(percentile(entry.values, 95), entry.unit) : '',
		min: formatValue(Math.min(...entry.values), entry.unit),
		max: formatValue(Math.max(...entry.values), entry.unit),
		ratio: ratioText(entry),
	};
}

function markdownTable(rows: Row[]): string {
	const headers: Row = {
		case: 'case',
		measure: 'what',
		tool: 'tool',
		n: 'n',
		median: 'median',
		p95: 'p95',
		min: 'min',
		max: 'max',
		ratio: 'ratio (ivjm ÷ peer, medians)',
	};
	const keys = Object.keys(headers) as Array<keyof Row>;
	const line = (row: Row) =>
		`| ${keys.map((key) => row[key].replaceAll('|', '\\|')).join(' | ')} |`;
	return [line(headers), `|${keys.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- the run

type Scaling = {
	where: string;
	tool: string;
	points: Array<{jobs: number; seconds: number}>;
	fit: Fit;
};

async function machine() {
	const version = async (command: string, args: string[]) =>
		run(command, args).then(
			({stdout}) => stdout.split('\n')[0]?.trim() ?? '',
			() => 'missing',
		);
	return {
		cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
		memoryGiB: Math.round(totalmem() / 1024 ** 3),
		kernel: release(),
		node: process.version,
		swift: await version('/usr/bin/swift', ['--version']),
		rclone: await version('rclone', ['version']),
		swiftServer: await version('dpkg-query', ['-W', '-f', '${Version}', 'swift']),
	};
}

async function shapeVersion(): Promise<string> {
	return createHash('sha1')
		.update(await readFile(join(here, 'job-shapes.ts')))
		.digest('hex')
		.slice(0, 8);
}

/** Seeds `user` with `jobs` jobs unless an earlier run left exactly that (a marker object says so). */
async function seedSwiftUser(
	account: SwiftAccount,
	user: string,
	jobs: number,
	version: string,
): Promise<SeedReport | undefined> {
	const marker = `${account.storageUrl}/${settings.container}/bench-seeded/${user}-${jobs}-${version}`;
	const headers = {'x-auth-token': account.token};
	if (
		environment['IVJM_BENCH_RESEED'] !== '1' &&
		(await fetch(marker, {method: 'HEAD', headers})).ok
	) {
		log(`Swift: ${jobs} jobs of ${user} already seeded by an earlier run`);
		return undefined;
	}
	log(`Swift: seeding ${jobs} jobs of ${user}`);
	const report = await seedSwiftJobs(
		account,
		backendFromEnvironment(),
		settings.container,
		user,
		0,
		jobs,
	);
	const answer = await fetch(marker, {method: 'PUT', headers, body: ''});
	if (!answer.ok) throw new Error(`PUT ${marker}: ${answer.status}`);
	log(
		`  ${report.objects} objects (${report.extracted} extracted, ${report.rows} listing rows) in ${report.seconds.toFixed(1)} s`,
	);
	return report;
}

function listedRows(user: string, jobs: number): number {
	let rows = 0;
	for (let index = 0; index < jobs; index++)
		rows += benchJob(user, index).filter((object) => underUser(object.key, user)).length;
	return rows;
}

async function main(): Promise<void> {
	const {SWIFT_TEMPAUTH_URL, SWIFT_TEMPAUTH_USER, SWIFT_TEMPAUTH_KEY} = environment;
	if (!SWIFT_TEMPAUTH_URL || !SWIFT_TEMPAUTH_USER || !SWIFT_TEMPAUTH_KEY)
		throw new Error('Run through test/bench/run.sh (it starts Swift and sets SWIFT_TEMPAUTH_*)');
	const startedIso = new Date(settings.startedAt).toISOString();
	const loadBefore = loadavg();
	const home = await mkdtemp(join(tmpdir(), 'ivjm-bench-home-'));
	const localRoot = await mkdtemp(
		join(environment['IVJM_BENCH_DIR'] ?? tmpdir(), 'ivjm-bench-local-'),
	);
	const seeds: Array<Record<string, unknown>> = [];
	const scaling: Scaling[] = [];
	const notes: string[] = [];
	const probes: Record<string, Probe> = {};
	let tui: TuiResult | undefined;
	try {
		// Case 1 and 5 on Swift: one user per size in one container, kept for the next run.
		const account = await signIn(SWIFT_TEMPAUTH_URL, SWIFT_TEMPAUTH_USER, SWIFT_TEMPAUTH_KEY);
		await createContainer(account, settings.container);
		const version = await shapeVersion();
		const allowances: Record<number, number> = {1000: 60, 2000: 60, 5000: 120};
		for (const jobs of settings.swiftSizes) {
			const user = `bench${jobs}`;
			const report = await seedSwiftUser(account, user, jobs, version);
			if (report) seeds.push({store: 'swift', user, ...report});
			await swiftOverview(
				account,
				home,
				user,
				jobs,
				listedRows(user, jobs),
				allowances[jobs] ?? 60,
			);
			if (jobs === 1000) {
				log('where the time goes: one overview of 1,000 jobs on Swift, profiled');
				probes['swift-1000'] = await probeOverview(
					['swift', settings.container, user],
					environment,
				);
			}
		}
		for (const tool of ['ivjm', 'swift'] as const) {
			const points = settings.swiftSizes.map((jobs) => ({
				jobs,
				seconds: median(series.get(`overview.swift.${jobs}.${tool}`)!.values),
			}));
			scaling.push({
				where: 'Swift',
				tool: tool === 'ivjm' ? 'ivjm jobs --json' : 'swift list --prefix',
				points,
				fit: fit(points),
			});
		}

		// Case 2 and 3: transfers, by transfer-memory.ts.
		log(`transfers of ${settings.transferBytes} bytes`);
		await repeat(420, async (round) => {
			log(`  round ${round + 1}`);
			recordTransfers(
				await transferRound(settings.transferBytes),
				settings.transferBytes,
				'2 transfer',
			);
		});
		if (settings.smallTransferBytes < settings.transferBytes) {
			log(`transfers of ${settings.smallTransferBytes} bytes (does memory grow with the file?)`);
			recordTransfers(
				await transferRound(settings.smallTransferBytes),
				settings.smallTransferBytes,
				'3 memory',
			);
		}

		// Case 1, 4 and 5 on the local store: one user's jobs, grown in steps.
		let seeded = 0;
		let files = 0;
		let seedSeconds = 0;
		const localAllowances: Record<number, number> = {1000: 30, 2000: 40, 5000: 60, 10_000: 300};
		const growLocal = async (jobs: number) => {
			log(`local store: seeding jobs ${seeded} to ${jobs}`);
			const started = performance.now();
			const report = await seedLocalJobs(localRoot, settings.localUser, seeded, jobs);
			const seconds = (performance.now() - started) / 1000;
			seedSeconds += seconds;
			seeds.push({store: 'local', from: seeded, to: jobs, objects: report.objects, seconds});
			files += report.objects;
			seeded = jobs;
		};
		for (const jobs of settings.localSizes) {
			await growLocal(jobs);
			await localOverview(localRoot, home, jobs, files, localAllowances[jobs] ?? 60);
			if (jobs === 10_000) {
				log('where the time and memory go: one overview of 10,000 local jobs, profiled');
				probes['local-10000'] = await probeOverview(
					[`local:${localRoot}`, '-', settings.localUser],
					environment,
				);
				log('TUI on the local store of 10,000 jobs');
				tui = await measureTui({
					store: localRoot,
					user: settings.localUser,
					jobs,
					starts: 5,
					moves: 60,
					pageMoves: 15,
					queries: ['09990', 'ready', 'fimm'],
					refreshSeconds: 3600,
					loadTimeoutMs: 15 * 60_000,
				});
				recordTui(tui, jobs);
			}
		}
		const localPoints = () =>
			[...settings.localSizes, settings.localLarge]
				.filter((jobs) => series.has(`overview.local.${jobs}.ivjm`))
				.map((jobs) => ({
					jobs,
					seconds: median(series.get(`overview.local.${jobs}.ivjm`)!.values),
				}));
		if (settings.localLarge > seeded) {
			const slope = fit(localPoints()).slope;
			const projected =
				((settings.localLarge - seeded) * seedSeconds) / seeded +
				settings.localLarge * slope * 1.2 +
				60;
			const left = settings.budgetSeconds - elapsed() - 60;
			if (projected <= left) {
				await growLocal(settings.localLarge);
				await localOverview(localRoot, home, settings.localLarge, files, 0);
			} else {
				const text =
					`The local store at ${jobsLabel(settings.localLarge)} jobs was skipped: seeding and one overview ` +
					`would take about ${formatDuration(projected)} (from this run's seeding rate and slope), ` +
					`${formatDuration(Math.max(0, left))} of the ${settings.budgetSeconds / 60}-minute budget was left. ` +
					`The fitted slope puts one overview at about ${(settings.localLarge * slope).toFixed(0)} s; ` +
					`IVJM_BENCH_BUDGET_MINUTES=60 npm run bench measures it.`;
				notes.push(text);
				log(text);
			}
		}
		const points = localPoints();
		scaling.push({where: 'local store', tool: 'ivjm jobs --json', points, fit: fit(points)});
	} finally {
		log('removing the local store');
		await run('rm', ['-rf', localRoot, home]);
	}

	const finished = new Date();
	const totalSeconds = elapsed();
	const table = markdownTable(
		[...series.values()]
			.filter((entry) => !entry.hidden)
			.sort(byCase)
			.map(rowOf),
	);
	const scalingText = scaling
		.map(
			(entry) =>
				`- ${entry.where}, ${entry.tool}: ${entry.points.map((point) => `${jobsLabel(point.jobs)} → ${point.seconds.toFixed(2)} s`).join(', ')}; ` +
				`least squares ${(entry.fit.slope * 1000).toFixed(2)} s per 1,000 jobs + ${entry.fit.intercept.toFixed(2)} s, R² ${entry.fit.r2.toFixed(3)}`,
		)
		.join('\n');
	const probeText = Object.entries(probes)
		.map(([name, {report, profile}]) => probeSummary(name, report, profile))
		.join('\n');
	const host = await machine();
	const markdown = [
		`Measured ${startedIso.slice(0, 16).replace('T', ' ')} UTC on ${host.cpu}, ${host.memoryGiB} GiB RAM, Linux ${host.kernel}, Node ${host.node}; ` +
			`Swift ${host.swiftServer} (tempauth, one replica) on 127.0.0.1; ${host.swift}; ${host.rclone}. ` +
			`Load average ${loadBefore.map((value) => value.toFixed(1)).join(' / ')} at the start, ${loadavg()
				.map((value) => value.toFixed(1))
				.join(' / ')} at the end (the machine is shared). ` +
			`Whole run ${formatDuration(totalSeconds)} (servers, build, seeding and cleanup included). Rerun: \`npm run bench\`.`,
		'',
		table,
		'',
		'Scaling (case 5), medians:',
		'',
		scalingText,
		'',
		'Where the overview spends its time and memory (one extra run each, in-process, with `node --cpu-prof`):',
		'',
		probeText,
		'',
		...(phases.length > 0
			? [
					'ivjm transfer phases (median seconds): ' +
						[
							...new Set(
								phases.map(
									(phase) => `${phase.operation} ${phase.bytes / mebibyte} MiB ${phase.phase}`,
								),
							),
						]
							.map((name) => {
								const values = phases
									.filter(
										(phase) =>
											`${phase.operation} ${phase.bytes / mebibyte} MiB ${phase.phase}` === name,
									)
									.map((phase) => phase.seconds);
								return `${name} ${median(values).toFixed(1)}`;
							})
							.join(', '),
					'',
				]
			: []),
		'Notes:',
		'',
		'- Overview: every run is a whole process (`node dist/cli.js jobs --json`, `swift list`, `find`) under GNU time; ivjm and swift use the same token (no sign-in).',
		"- Swift seeding: each job's task.json (what the overview reads) is a real object uploaded by bulk extract-archive; the other objects are listing rows merged into the container database with Swift's replication call (`REPLICATE` … `merge_items`), so the listing is the one real uploads would give.",
		'- Local store on disk in ' +
			(environment['IVJM_BENCH_DIR'] ?? tmpdir()) +
			'; inbox notes are not written there (the overview never opens `<biobank>/requests/`).',
		"- TUI: `script -qfec` gives the built program a 120×40 pty; frames are timed at Ink's end-of-frame sequence (`CSI ?2026l`) as it arrives, replayed in @xterm/headless to check what the frame shows. The refresh interval is set to 1 h so that the 10,000-job table can load at all (a load longer than the 15 s default is aborted by the next refresh).",
		...notes.map((note) => `- ${note}`),
		'',
	].join('\n');
	process.stdout.write(`\n${markdown}\n`);
	const resultsFolder = join(here, 'results');
	await mkdir(resultsFolder, {recursive: true});
	await writeFile(join(resultsFolder, 'latest.md'), markdown);
	await writeFile(
		join(resultsFolder, 'latest.json'),
		JSON.stringify(
			{
				started: startedIso,
				finished: finished.toISOString(),
				totalSeconds,
				machine: {...host, loadBefore, loadAfter: loadavg()},
				settings,
				rows: [...series.values()].sort(byCase).map((entry) => ({
					...entry,
					median: median(entry.values),
					p95: entry.p95 ? percentile(entry.values, 95) : undefined,
					min: Math.min(...entry.values),
					max: Math.max(...entry.values),
					ratios: entry.peers?.map((peer) => ({
						peer,
						ratio: median(entry.values) / median(series.get(peer)?.values ?? []),
					})),
				})),
				scaling,
				probes,
				tui,
				transferPhases: phases,
				seeds,
				notes,
			},
			undefined,
			2,
		),
	);
	log(`done in ${formatDuration(totalSeconds)}: test/bench/results/latest.md and latest.json`);
}

function fit(points: Array<{jobs: number; seconds: number}>): Fit {
	return leastSquares(points.map((point) => ({x: point.jobs, y: point.seconds})));
}

function byCase(a: Series, b: Series): number {
	return a.case.localeCompare(b.case);
}

function recordTui(result: TuiResult, jobs: number): void {
	const base = {case: '4 TUI', tool: 'ivjm (built, in a pty)', unit: 'ms' as const};
	for (const value of result.firstFrameMs)
		record(
			{...base, id: 'tui.first-frame', measure: 'process start → first full frame (role picker)'},
			value,
		);
	record(
		{
			...base,
			id: 'tui.table',
			unit: 's',
			measure: `enter → full table of ${jobsLabel(jobs)} local jobs`,
		},
		result.tableFromEnterMs / 1000,
	);
	for (const value of result.moveMs)
		record(
			{
				...base,
				id: 'tui.move',
				p95: true,
				measure: `↓ / page-down → frame, ${jobsLabel(jobs)}-job table`,
			},
			value,
		);
	for (const value of result.filterMs)
		record(
			{
				...base,
				id: 'tui.filter',
				p95: true,
				measure: `typed filter character → frame, ${jobsLabel(jobs)} jobs`,
			},
			value,
		);
}

function probeSummary(name: string, report: ProbeReport, profile: ProfileSummary): string {
	const mib = (bytes: number) => `${(bytes / mebibyte).toFixed(0)} MiB`;
	const {memory} = report;
	const top = profile.top
		.slice(0, 8)
		.map((entry) => `${entry.name} ${(entry.share * 100).toFixed(0)} %`)
		.join('; ');
	return (
		`- ${name}: ${report.jobs} jobs, ${report.listed} names listed in ${report.listSeconds.toFixed(2)} s, ` +
		`then ${report.gets} task.json GETs (${mib(report.getBytes)}) in ${report.readSeconds.toFixed(2)} s; ` +
		`RSS ${mib(memory.start.rss)} before, ${mib(memory.listed.rss)} after the listing (heap ${mib(memory.listed.heapUsed)}), ` +
		`${mib(memory.done.rss)} at the end (heap ${mib(memory.done.heapUsed)}), peak ${mib(memory.vmHwm)}. ` +
		`CPU profile of the whole process (${profile.seconds.toFixed(1)} s), self time: ${top}`
	);
}

await main();
