/**
 * `npm run bench`: ivjm next to the tools a user would otherwise use, on this machine, in one
 * run, reported as medians and ratios (never asserted: machines are shared and noisy).
 * test/bench/run.sh starts the test Swift, installs the peers and builds; this file runs the
 * cases of issue 9 and writes test/bench/results/latest.{md,json}.
 *
 *   1 overview: `ivjm jobs --json` (the researcher's job × biobank matrix) against
 *     `swift list --prefix jobs/<user>/` on Swift, and against `find` on the local store
 *   2 transfers: 1 GiB up and down by ivjm, python-swiftclient and rclone (transfer-memory.ts)
 *   3 peak RSS of each of those processes
 *   4 the built TUI in a pty: first frame, the 10,000-job table, key-to-frame latency
 *   5 scaling: the overview at growing job counts, with a least-squares slope
 *
 *   6 WAN: the overview and whole-process transfers again through wan-proxy.ts (30 ms, 200 Mbit/s)
 *
 * `npm run bench -- wan local` (or IVJM_BENCH_ONLY="wan local") runs only some parts: swift
 * (cases 1, 3 and 5 on Swift), transfer, local (1, 3 and 5 on the local store), tui, wan,
 * crypt4gh (case 7, test/bench/crypt4gh-transfers.ts).
 *
 * Settings (environment): IVJM_BENCH_RUNS (3), IVJM_BENCH_BUDGET_MINUTES (20),
 * IVJM_BENCH_LOCAL_LARGE (50000; 0 leaves it out), IVJM_BENCH_BYTES (1 GiB),
 * IVJM_BENCH_LOCAL_DIR (where the local store is made: /dev/shm when it has room),
 * IVJM_BENCH_RESEED=1 (seed Swift again even if an earlier run left the jobs there),
 * IVJM_BENCH_WAN (30,200: the WAN's round trip in ms and bandwidth in Mbit/s).
 */
import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdir, mkdtemp, readFile, statfs, writeFile} from 'node:fs/promises';
import {cpus, loadavg, release, tmpdir, totalmem} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {benchJob, underUser} from './job-shapes.js';
import {Budget, mebibyte, series} from './measure.js';
import {
	jobsLabel,
	localOverview,
	probeOverview,
	startupCost,
	swiftOverview,
	type Probe,
} from './overview-cases.js';
import {
	formatDuration,
	markdownTable,
	probeText,
	scalingText,
	seriesFigures,
	type Scaling,
} from './report.js';
import {seedLocalJobs} from './seed-local.js';
import {
	backendFromEnvironment,
	createContainer,
	seedSwiftJobs,
	signIn,
	type SwiftAccount,
} from './seed-swift.js';
import {leastSquares, median} from './stats.js';
import {commandTransferRound} from './command-transfers.js';
import {crypt4ghTransfers} from './crypt4gh-transfers.js';
import {recordTransfers, sizeLabel, transferRound, type TransferPhase} from './transfer-cases.js';
import {measureTui, recordTui, tuiOptions, type TuiResult} from './tui-cases.js';
import {wanCases, wanSettings, wanTransferSeconds} from './wan-cases.js';

const run = promisify(execFile);
const here = import.meta.dirname;
const environment = process.env;

const settings = {
	runs: Number(environment['IVJM_BENCH_RUNS'] ?? 3),
	budgetSeconds: Number(environment['IVJM_BENCH_BUDGET_MINUTES'] ?? 20) * 60,
	/** run.sh's start, so that the budget counts installing, building and starting the servers. */
	startedAt: Number(environment['IVJM_BENCH_STARTED_AT'] ?? Date.now()),
	swiftSizes: [1000, 2000, 5000],
	localSizes: [1000, 2000, 5000, 10_000],
	localLarge: Number(environment['IVJM_BENCH_LOCAL_LARGE'] ?? 50_000),
	transferBytes: Number(environment['IVJM_BENCH_BYTES'] ?? 1024 * mebibyte),
	smallTransferBytes: 128 * mebibyte,
	container: 'ivjm-bench-overview',
	localUser: 'benchuser',
	wan: wanSettings(),
	only: new Set((environment['IVJM_BENCH_ONLY'] ?? '').split(/[\s,]+/u).filter(Boolean)),
};
const part = (name: string) => settings.only.size === 0 || settings.only.has(name);
const headlineLocal = 10_000;

/** Seconds each kind of work costs, first guessed, then taken from this run's own measurements. */
const costs = {
	swiftSeedPerJob: 0.035,
	swiftRunPerJob: 0.02,
	localSeedPerJob: 0.005,
	localRunPerJob: 0.008,
	localRemovePerJob: 0.015,
	transferRound: (6 * settings.transferBytes) / (40 * mebibyte) + 30,
	commandRound: (6 * settings.transferBytes) / (40 * mebibyte) + 30,
	wanOverview: 60,
	wanTransferRound: wanTransferSeconds(settings.wan, settings.transferBytes),
};

/** Steps that run whatever the budget says; until they have run, their cost is kept free. */
const essentials = new Set(
	[
		['transfer', 'transfer'],
		['commands', 'transfer'],
		['local-seed', part('tui') ? 'tui' : 'local'],
		['local-10k', 'local'],
		['local-probe', 'local'],
		['tui', 'tui'],
		['wan', 'wan'],
		['cleanup', ''],
	]
		.filter(([, name]) => !name || part(name))
		.map(([step]) => step!),
);
let localSeeded = 0;

function reserve(): number {
	const localRun = headlineLocal * costs.localRunPerJob;
	const parts: Record<string, number> = {
		transfer: costs.transferRound,
		commands: costs.commandRound,
		wan: costs.wanOverview + costs.wanTransferRound,
		'local-seed': Math.max(0, headlineLocal - localSeeded) * costs.localSeedPerJob,
		'local-10k': localRun,
		'local-probe': localRun,
		tui: localRun + 150,
		cleanup: 10 + Math.max(localSeeded, headlineLocal) * costs.localRemovePerJob,
	};
	return [...essentials].reduce((sum, step) => sum + (parts[step] ?? 0), 0);
}

const budget = new Budget(settings.startedAt, settings.budgetSeconds, reserve, log);

function log(message: string): void {
	const minutes = (Date.now() - settings.startedAt) / 1000;
	process.stderr.write(`[bench ${formatDuration(minutes)}] ${message}\n`);
}

/** Where the local store goes: /dev/shm when it has room for the largest store, else the temp folder. */
async function localParent(): Promise<{folder: string; tmpfs: boolean}> {
	const chosen = environment['IVJM_BENCH_LOCAL_DIR'];
	if (chosen) return {folder: chosen, tmpfs: false};
	const needed = Math.max(settings.localLarge, headlineLocal) * 100 * 1024;
	const shm = await statfs('/dev/shm').catch(() => undefined);
	if (shm && shm.bavail * shm.bsize > 2 * needed) return {folder: '/dev/shm', tmpfs: true};
	return {folder: tmpdir(), tmpfs: false};
}

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
		swiftClient: await version('/usr/bin/swift', ['--version']),
		rclone: await version('rclone', ['version']),
		swiftServer: await version('dpkg-query', ['-W', '-f', '${Version}', 'swift']),
	};
}

/** Changes whenever the generated jobs change, so that an old seed is not reused. */
async function shapeVersion(): Promise<string> {
	return createHash('sha1')
		.update(await readFile(join(here, 'job-shapes.ts')))
		.digest('hex')
		.slice(0, 8);
}

function listedObjects(user: string, jobs: number): number {
	let objects = 0;
	for (let index = 0; index < jobs; index++)
		objects += benchJob(user, index).filter((object) => underUser(object.key, user)).length;
	return objects;
}

function fitOf(points: Array<{jobs: number; seconds: number}>) {
	return points.length >= 3
		? leastSquares(points.map((point) => ({x: point.jobs, y: point.seconds})))
		: undefined;
}

function medianOf(id: string): number | undefined {
	const values = series.get(id)?.values;
	return values ? median(values) : undefined;
}

async function main(): Promise<void> {
	const {SWIFT_TEMPAUTH_URL, SWIFT_TEMPAUTH_USER, SWIFT_TEMPAUTH_KEY} = environment;
	if (!SWIFT_TEMPAUTH_URL || !SWIFT_TEMPAUTH_USER || !SWIFT_TEMPAUTH_KEY)
		throw new Error('Run through test/bench/run.sh (it starts Swift and sets SWIFT_TEMPAUTH_*)');
	const started = new Date(settings.startedAt).toISOString();
	const loadBefore = loadavg();
	const home = await mkdtemp(join(tmpdir(), 'ivjm-bench-home-'));
	const parent = await localParent();
	const localRoot = await mkdtemp(join(parent.folder, 'ivjm-bench-local-'));
	if (parent.tmpfs) costs.localRemovePerJob = 0.001;
	const seeds: Array<Record<string, unknown>> = [];
	const notes: string[] = [];
	const probes: Record<string, Probe> = {};
	const phases: TransferPhase[] = [];
	let tui: TuiResult | undefined;
	const overview = {budget, runs: settings.runs, home, log};

	const account: SwiftAccount = await signIn(
		SWIFT_TEMPAUTH_URL,
		SWIFT_TEMPAUTH_USER,
		SWIFT_TEMPAUTH_KEY,
	);
	await createContainer(account, settings.container);
	const version = await shapeVersion();
	const markerUrl = (user: string, jobs: number) =>
		`${account.storageUrl}/${settings.container}/bench-seeded/${user}-${jobs}-${version}`;
	const headers = {'x-auth-token': account.token};
	const isSeeded = async (user: string, jobs: number) =>
		environment['IVJM_BENCH_RESEED'] !== '1' &&
		(await fetch(markerUrl(user, jobs), {method: 'HEAD', headers})).ok;
	/** One requester per size, kept in the container for the next run (a marker says it is whole). */
	const seedSwift = async (jobs: number) => {
		const user = `bench${jobs}`;
		if (await isSeeded(user, jobs)) {
			log(`Swift: the ${jobs} jobs of ${user} are there from an earlier run`);
			return user;
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
		const answer = await fetch(markerUrl(user, jobs), {method: 'PUT', headers, body: ''});
		if (!answer.ok) throw new Error(`PUT of the seed marker: ${answer.status}`);
		costs.swiftSeedPerJob = report.seconds / jobs;
		seeds.push({store: 'swift', user, ...report});
		log(
			`  ${report.objects} objects (${report.extracted} by extract-archive, ${report.rows} listing rows) in ${report.seconds.toFixed(1)} s`,
		);
		return user;
	};
	const swiftPoint = async (jobs: number, headline: boolean, runs: number) => {
		const user = await seedSwift(jobs);
		await swiftOverview({
			...overview,
			runs,
			account,
			container: settings.container,
			user,
			jobs,
			objects: listedObjects(user, jobs),
			headline,
		});
		const ivjm = medianOf(`overview.swift.${jobs}.ivjm`) ?? 0;
		const warm = medianOf(`overview.swift.${jobs}.ivjm-warm`) ?? 0;
		const swift = medianOf(`overview.swift.${jobs}.swift`) ?? 0;
		costs.swiftRunPerJob = (ivjm + warm + swift) / jobs;
		return user;
	};

	let localFiles = 0;
	const growLocal = async (jobs: number) => {
		essentials.delete('local-seed');
		log(`local store: jobs ${localSeeded} to ${jobs}`);
		const begun = performance.now();
		const report = await seedLocalJobs(localRoot, settings.localUser, localSeeded, jobs);
		const seconds = (performance.now() - begun) / 1000;
		costs.localSeedPerJob = seconds / (jobs - localSeeded);
		seeds.push({store: 'local', from: localSeeded, to: jobs, objects: report.objects, seconds});
		localFiles += report.objects;
		localSeeded = jobs;
		if (localSeeded < headlineLocal) essentials.add('local-seed');
	};
	const localPoint = async (jobs: number, headline: boolean, runs: number) => {
		await localOverview({
			...overview,
			runs,
			root: localRoot,
			user: settings.localUser,
			jobs,
			objects: localFiles,
			headline,
		});
		const ivjm = medianOf(`overview.local.${jobs}.ivjm`) ?? 0;
		const warm = medianOf(`overview.local.${jobs}.ivjm-warm`) ?? 0;
		const find = medianOf(`overview.local.${jobs}.find`) ?? 0;
		const rebuild = medianOf(`overview.local.${jobs}.rebuild`) ?? 0;
		costs.localRunPerJob = (rebuild / runs + ivjm + warm + find) / jobs;
	};

	try {
		const swiftScaling: number[] = [];
		let user1000: string | undefined;
		if (part('swift')) {
			// Case 1 on Swift, and where its time goes.
			user1000 = await swiftPoint(1000, true, settings.runs);
			log('where the overview on Swift spends its time: one more run, in-process and profiled');
			probes['Swift, 1,000 jobs'] = await probeOverview(
				['swift', settings.container, user1000],
				environment,
			);
			await startupCost(home, settings.runs);

			// Case 5 on Swift, one run each for now: more requesters (seeding counts unless reused).
			for (const jobs of settings.swiftSizes.slice(1)) {
				const seeding = (await isSeeded(`bench${jobs}`, jobs)) ? 0 : jobs * costs.swiftSeedPerJob;
				const cost = seeding + jobs * costs.swiftRunPerJob;
				if (budget.fits(cost)) {
					await swiftPoint(jobs, false, 1);
					swiftScaling.push(jobs);
				} else {
					const text = `Swift, ${jobsLabel(jobs)} jobs: left out, its ${seeding > 0 ? 'seeding and ' : ''}overview would take about ${formatDuration(cost)}, ${formatDuration(Math.max(0, budget.left()))} of the budget was left (a rerun reuses the seeded jobs)`;
					notes.push(text);
					log(text);
				}
			}
		}

		if (part('transfer')) {
			// Case 2 and 3: transfers, by transfer-memory.ts (ivjm's time inside its process).
			essentials.delete('transfer');
			log(`transfers of ${sizeLabel(settings.transferBytes)}`);
			await budget.repeat(settings.runs, 'transfers', async (round) => {
				const begun = performance.now();
				log(`  round ${round + 1}`);
				recordTransfers(
					await transferRound(settings.transferBytes),
					settings.transferBytes,
					true,
					phases,
				);
				costs.transferRound = (performance.now() - begun) / 1000;
			});
			// The same, every program a whole process as a user runs it (ivjm submit and claim).
			essentials.delete('commands');
			log(`transfers of ${sizeLabel(settings.transferBytes)}, whole processes`);
			const loopback = {id: 'loopback', label: 'on loopback', case: '2 transfer', account};
			await budget.repeat(settings.runs, 'whole-process transfers', async (round) => {
				const begun = performance.now();
				log(`  round ${round + 1}`);
				await commandTransferRound(loopback, settings.transferBytes, home, log);
				costs.commandRound = (performance.now() - begun) / 1000;
			});
			const small = settings.smallTransferBytes;
			if (
				small < settings.transferBytes &&
				budget.fits((costs.transferRound * small) / settings.transferBytes + 20)
			) {
				log(`transfers of ${sizeLabel(small)}: does ivjm's memory follow the file size?`);
				recordTransfers(await transferRound(small), small, false, phases);
			}
		}

		if (part('crypt4gh')) await crypt4ghTransfers(settings.transferBytes, settings.runs, log);

		if (part('wan')) {
			// Case 6: the overview of 1,000 jobs and the transfers through a WAN.
			essentials.delete('wan');
			const user = user1000 ?? (await seedSwift(1000));
			notes.push(
				...(await wanCases({
					wan: settings.wan,
					budget,
					runs: settings.runs,
					home,
					log,
					swift: {
						authUrl: SWIFT_TEMPAUTH_URL,
						user: SWIFT_TEMPAUTH_USER,
						key: SWIFT_TEMPAUTH_KEY,
						account,
					},
					overview: {
						container: settings.container,
						user,
						jobs: 1000,
						objects: listedObjects(user, 1000),
					},
					transferBytes: settings.transferBytes,
				})),
			);
		}

		if (part('local') || part('tui')) {
			// Case 1, 4 and 5 on the local store: one requester's jobs, grown step by step.
			for (const jobs of settings.localSizes) {
				await growLocal(jobs);
				if (!part('local')) continue;
				const headline = jobs === headlineLocal;
				if (headline) essentials.delete('local-10k');
				// The smaller sizes are scaling points: one run each, as the store only grows.
				if (headline) await localPoint(jobs, true, settings.runs);
				else if (jobs === settings.localSizes[0] || budget.fits(jobs * costs.localRunPerJob))
					await localPoint(jobs, false, 1);
				else log(`local store, ${jobs} jobs: left out, it would not fit in the budget`);
			}
		}
		if (part('local')) {
			essentials.delete('local-probe');
			log(
				'where the overview on the local store spends its time and memory: one more run, profiled',
			);
			probes['local store, 10,000 jobs'] = await probeOverview(
				[`local:${localRoot}`, '-', settings.localUser],
				environment,
			);
		}
		if (part('tui')) {
			essentials.delete('tui');
			log('TUI on the local store of 10,000 jobs');
			tui = await measureTui(tuiOptions(localRoot, settings.localUser, headlineLocal));
			recordTui(tui, jobsLabel(headlineLocal));
		}

		// Case 5 on the local store at its largest.
		if (part('local') && settings.localLarge > localSeeded) {
			const added = settings.localLarge - localSeeded;
			const cost =
				added * (costs.localSeedPerJob + costs.localRemovePerJob) +
				settings.localLarge * costs.localRunPerJob;
			if (budget.fits(cost)) {
				await growLocal(settings.localLarge);
				await localPoint(settings.localLarge, false, 1);
			} else {
				const text =
					`local store, ${jobsLabel(settings.localLarge)} jobs: left out, seeding, one overview and removing it ` +
					`would take about ${formatDuration(cost)} (rates of this run), ${formatDuration(Math.max(0, budget.left()))} of the budget was left; ` +
					`this run's rate puts one overview at about ${(settings.localLarge * costs.localRunPerJob).toFixed(0)} s. ` +
					'`IVJM_BENCH_BUDGET_MINUTES=60 npm run bench` measures it';
				notes.push(text);
				log(text);
			}
		}

		// What budget is left: more runs of the Swift scaling points, whose requesters stay.
		for (const jobs of swiftScaling) {
			const more = Math.min(
				settings.runs - 1,
				Math.floor(budget.left() / (jobs * costs.swiftRunPerJob)),
			);
			if (more > 0) await swiftPoint(jobs, false, more);
		}
	} finally {
		log('removing the local store');
		await run('rm', ['-rf', localRoot, home]);
	}

	const scaling: Scaling[] = [];
	for (const [where, sizes, tools] of [
		['Swift', settings.swiftSizes, ['ivjm', 'ivjm-warm', 'swift']],
		['local store', [...settings.localSizes, settings.localLarge], ['ivjm', 'ivjm-warm', 'find']],
	] as const) {
		for (const tool of tools) {
			const points = sizes
				.map((jobs) => ({
					jobs,
					seconds: medianOf(`overview.${where === 'Swift' ? 'swift' : 'local'}.${jobs}.${tool}`),
				}))
				.filter((point): point is {jobs: number; seconds: number} => point.seconds !== undefined);
			const name = {
				ivjm: 'ivjm jobs --json, first start',
				'ivjm-warm': 'ivjm jobs --json, next start',
				swift: 'swift list --prefix',
				find: 'find -type f',
			}[tool];
			scaling.push({where, tool: name, points, fit: fitOf(points)});
		}
	}

	const totalSeconds = budget.elapsed();
	const host = await machine();
	const loads = (values: number[]) => values.map((value) => value.toFixed(1)).join(' / ');
	const transferPhases = [
		...new Set(
			phases.map((phase) => `${phase.operation} ${sizeLabel(phase.bytes)}: ${phase.phase}`),
		),
	]
		.map((name) => {
			const values = phases
				.filter((phase) => `${phase.operation} ${sizeLabel(phase.bytes)}: ${phase.phase}` === name)
				.map((phase) => phase.seconds);
			return `${name} ${median(values).toFixed(1)} s`;
		})
		.join('; ');
	const markdown = [
		`Measured ${started.slice(0, 16).replace('T', ' ')} UTC on ${host.cpu}, ${host.memoryGiB} GiB RAM, Linux ${host.kernel}, Node ${host.node}; ` +
			`Swift ${host.swiftServer} (tempauth, one replica, part power 0) on 127.0.0.1; ${host.swiftClient}; ${host.rclone}. ` +
			`Load average ${loads(loadBefore)} at the start and ${loads(loadavg())} at the end: the machine was shared. ` +
			`Whole run ${formatDuration(totalSeconds)} (build, servers, seeding and cleanup included; budget ${settings.budgetSeconds / 60} min, up to ${settings.runs} runs a row). ` +
			'Rerun: `npm run bench`.',
		'',
		markdownTable(),
		'',
		'Scaling (case 5), medians:',
		'',
		scalingText(scaling),
		'',
		'Where the overview spends its time and memory (one more run each, in-process: `test/bench/overview-probe.ts` under `node --cpu-prof --expose-gc`):',
		'',
		...Object.entries(probes).map(([name, probe]) => probeText(name, probe.report, probe.profile)),
		'',
		...(transferPhases ? [`ivjm's transfer phases, medians: ${transferPhases}.`, ''] : []),
		'How it was measured:',
		'',
		'- Overview: each run is a whole process (`node dist/cli.js jobs --json`, `swift list`, `find`) under GNU time (wall time, peak RSS); ivjm and swift get the same token, so neither signs in. Each round runs ivjm twice on an empty cache folder: the first start reads every task.json, the next start finds them in `~/.cache/ivjm/tasks/` and only lists.',
		"- Swift seeding: each job's task.json (what the overview reads) is a real object, uploaded by bulk extract-archive; the other objects are rows merged into the container database with Swift's replication call (`REPLICATE` … `merge_items`), so the listing is the one real uploads would give, without half an hour of uploads.",
		`- The local store was made in ${parent.folder}${parent.tmpfs ? ' (tmpfs: what a warm page cache gives)' : ''}, written in the store's own file format; inbox notes are left out there (the overview never opens \`<biobank>/requests/\`).`,
		'- Transfers: `test/bench/transfer-memory.ts`; ivjm computes SHA-256 of every upload and checks it on download (always on). Its time is measured inside its process (start-up and sign-in, about half a second, not counted); the peers are timed as whole processes.',
		"- TUI: `script -qfec` gives the built program a 120×40 pty; a frame is complete when Ink's end-of-frame sequence (`CSI ?2026l`) arrives, and is replayed into @xterm/headless to check that it shows the key's effect. Resolution: the event loop and two pipe hops, under a millisecond when idle. The refresh interval is set to 1 h, so that no reload of the 10,000 jobs runs while keys are timed. The TUI's first start has no task cache (a fresh HOME): its rows appear when the listing is in, the names as the task.json files arrive.",
		'- Whole-process transfers (`test/bench/command-transfers.ts`): `ivjm submit --input FILE` (a job of type other at one biobank) and `ivjm claim` of that job (its settle wait, then the download, SHA-256 checked), `swift upload -S 256M --use-slo` / `swift download`, `rclone copy --swift-chunk-size 256M` both ways; each a whole process under GNU time, all with the same token and storage URL, so none signs in; every download is compared with the file by SHA-256 after it is timed.',
		"- WAN (case 6): `test/bench/wan-proxy.ts`, a TCP proxy on 127.0.0.1 in a process of its own between the programs and Swift: half the round trip of delay on each direction of every connection, one link per direction shared by all connections and paced at the set rate (parallel connections share it, as they share a real uplink), two round trips before the first byte of a new connection reaches Swift (TCP and TLS 1.3 handshakes, as over HTTPS to Allas), at most 6 MiB in flight per connection and direction; no loss, no slow start. tempauth, signed in to through the proxy, hands out the proxy's storage URL, and every program is given that URL and token. Checked with curl at every run (see the note below).",
		'- Local store: the listing reads the container\'s index (a sorted snapshot read by blocks, and a journal that every put and delete appends to); "store without its index" is the first listing after the seeding wrote files behind the store\'s back and removed the index: it opens every file once and writes the index.',
		...notes.map((note) => `- ${note}.`),
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
				started,
				finished: new Date().toISOString(),
				totalSeconds,
				machine: {...host, loadBefore, loadAfter: loadavg()},
				settings,
				localStore: parent,
				rows: seriesFigures(),
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

await main();
