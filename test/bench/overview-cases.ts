import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {encodeSegment, folderPath} from '../../source/storage/local/encoded-names.js';
import {mebibyte, record, repository, timed, type Budget} from './measure.js';
import type {ProbeReport} from './overview-probe.js';
import {summariseProfile, type ProfileSummary} from './profile-summary.js';
import {localBucket} from './seed-local.js';
import type {SwiftAccount} from './seed-swift.js';

const run = promisify(execFile);

export const jobsLabel = (jobs: number) => jobs.toLocaleString('en-US');

/** The environment of a measured program: no OS_*, ST_* or SWIFT_* of ours, a throwaway home. */
export function cleanEnvironment(home: string): NodeJS.ProcessEnv {
	const kept = Object.fromEntries(
		Object.entries(process.env).filter(
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

export type OverviewRun = {
	budget: Budget;
	runs: number;
	home: string;
	jobs: number;
	/** Names under `jobs/<user>/`: what the listing must return. */
	objects: number;
	/** Case 1 sizes are in the table with their memory; the others only as scaling points. */
	headline: boolean;
	log: (message: string) => void;
};

/** `ivjm jobs --json` against `swift list --prefix jobs/<user>/`, alternating, same token. */
export async function swiftOverview(
	options: OverviewRun & {account: SwiftAccount; container: string; user: string},
): Promise<void> {
	const {account, container, user, jobs, objects} = options;
	const base = cleanEnvironment(options.home);
	const ivjmEnvironment = {
		...base,
		OS_AUTH_TOKEN: account.token,
		OS_STORAGE_URL: account.storageUrl,
		OS_USERNAME: user,
		OS_PROJECT_NAME: 'project_2004504',
	};
	const measure = `${jobsLabel(jobs)} jobs × 5 biobanks on Swift (${jobsLabel(objects)} objects listed)`;
	const ids = {ivjm: `overview.swift.${jobs}.ivjm`, swift: `overview.swift.${jobs}.swift`};
	const caseName = options.headline ? '1 overview' : '5 scaling';
	options.log(`overview on Swift, ${jobs} jobs`);
	await options.budget.repeat(options.runs, `Swift ${jobs} jobs`, async () => {
		const ivjm = await timed(
			process.execPath,
			['dist/cli.js', 'jobs', '--json', '--bucket', container],
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
				container,
			],
			{env: base},
		);
		if (swift.lines !== objects)
			throw new Error(`swift list gave ${swift.lines} names, not ${objects}`);
		const row = {case: caseName, measure, unit: 's' as const};
		record({...row, id: ids.ivjm, tool: 'ivjm jobs --json', peers: [ids.swift]}, ivjm.seconds);
		record({...row, id: ids.swift, tool: 'swift list --prefix (lower bound)'}, swift.seconds);
		const rss = {
			case: '3 memory',
			measure: `peak RSS, overview of ${measure}`,
			unit: 'MiB' as const,
			hidden: !options.headline,
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

export function localUserFolder(root: string, user: string): string {
	return join(root, encodeSegment(localBucket), ...folderPath(`jobs/${user}`));
}

/** `ivjm jobs --json --store local:DIR` against `find` walking the same files (no peer reads them). */
export async function localOverview(
	options: OverviewRun & {root: string; user: string},
): Promise<void> {
	const {root, user, jobs, objects} = options;
	const base = cleanEnvironment(options.home);
	const measure = `${jobsLabel(jobs)} jobs × 5 biobanks in the local store (${jobsLabel(objects)} files)`;
	const ids = {ivjm: `overview.local.${jobs}.ivjm`, find: `overview.local.${jobs}.find`};
	const caseName = options.headline ? '1 overview' : '5 scaling';
	options.log(`overview on the local store, ${jobs} jobs`);
	await options.budget.repeat(options.runs, `local ${jobs} jobs`, async () => {
		const ivjm = await timed(
			process.execPath,
			['dist/cli.js', 'jobs', '--json', '--store', `local:${root}`, '--user', user],
			{env: base, keep: true},
		);
		checkJobs(ivjm.stdout, jobs, 'the local store');
		const find = await timed('find', [localUserFolder(root, user), '-type', 'f'], {env: base});
		if (find.lines !== objects) throw new Error(`find gave ${find.lines} files, not ${objects}`);
		const row = {case: caseName, measure, unit: 's' as const};
		record({...row, id: ids.ivjm, tool: 'ivjm jobs --json', peers: [ids.find]}, ivjm.seconds);
		record({...row, id: ids.find, tool: 'find -type f (walk only, lower bound)'}, find.seconds);
		const rss = {
			case: '3 memory',
			measure: `peak RSS, overview of ${measure}`,
			unit: 'MiB' as const,
			hidden: !options.headline,
		};
		record(
			{...rss, id: `rss.${ids.ivjm}`, tool: 'ivjm jobs --json', peers: [`rss.${ids.find}`]},
			ivjm.maxRssBytes / mebibyte,
		);
		record({...rss, id: `rss.${ids.find}`, tool: 'find -type f'}, find.maxRssBytes / mebibyte);
	});
}

/**
 * The fixed cost of the built program: `ivjm --help` loads every module and exits, next to an
 * empty Node program. Its time is most of the TUI's first frame; its RSS is the floor under
 * every ivjm process.
 */
export async function startupCost(home: string, runs: number): Promise<void> {
	const env = cleanEnvironment(home);
	for (let index = 0; index < runs; index++) {
		const ivjm = await timed(process.execPath, ['dist/cli.js', '--help'], {env});
		const node = await timed(process.execPath, ['-e', ''], {env});
		const start = {
			case: '4 TUI',
			measure: 'process start → exit, loading the program only',
			unit: 's' as const,
		};
		record({...start, id: 'start.ivjm', tool: 'ivjm --help', peers: ['start.node']}, ivjm.seconds);
		record({...start, id: 'start.node', tool: "node -e ''"}, node.seconds);
		const rss = {
			case: '3 memory',
			measure: 'peak RSS of a program doing nothing',
			unit: 'MiB' as const,
		};
		record(
			{...rss, id: 'rss.start.ivjm', tool: 'ivjm --help', peers: ['rss.start.node']},
			ivjm.maxRssBytes / mebibyte,
		);
		record({...rss, id: 'rss.start.node', tool: "node -e ''"}, node.maxRssBytes / mebibyte);
	}
}

export type Probe = {report: ProbeReport; profile: ProfileSummary};

/** One overview in-process: phases, request counts, memory after a GC, and a CPU profile. */
export async function probeOverview(args: string[], env: NodeJS.ProcessEnv): Promise<Probe> {
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-bench-profile-'));
	try {
		const {stdout} = await run(
			process.execPath,
			[
				'--expose-gc',
				'--cpu-prof',
				`--cpu-prof-dir=${folder}`,
				'--import=tsx',
				join(import.meta.dirname, 'overview-probe.ts'),
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
