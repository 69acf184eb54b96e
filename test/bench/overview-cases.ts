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
	// `ivjm jobs --json` prints its document: {user, jobs: [...]} (readme, JSON shapes).
	const rows = (JSON.parse(stdout) as {jobs: Array<{status: string}>}).jobs;
	const invalid = rows.filter((row) => row.status === 'invalid').length;
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

/** How one overview is measured: where, ivjm's arguments and environment, and the peer. */
type OverviewSubject = {
	where: string;
	label: string;
	/** The table's case; by default 1 (headline sizes) or 5 (scaling points). */
	caseName?: string;
	ivjmArgs: string[];
	ivjmEnvironment: NodeJS.ProcessEnv;
	peer: {id: string; tool: string; rssTool: string; command: string; args: string[]};
	peerEnvironment: NodeJS.ProcessEnv;
};

/**
 * Each round: ivjm's first start (no task cache: one task.json GET per job), its next start (the
 * cache the first one left: listing only, plus reading the cache file), then the peer.
 */
async function overview(options: OverviewRun, subject: OverviewSubject): Promise<void> {
	const {jobs, objects} = options;
	const {where, label} = subject;
	const measure = `${jobsLabel(jobs)} jobs × 5 biobanks ${label}`;
	const caseName = subject.caseName ?? (options.headline ? '1 overview' : '5 scaling');
	const ids = {
		cold: `overview.${where}.${jobs}.ivjm`,
		warm: `overview.${where}.${jobs}.ivjm-warm`,
		peer: `overview.${where}.${jobs}.${subject.peer.id}`,
	};
	const tools = {
		cold: 'ivjm jobs --json, first start',
		warm: 'ivjm jobs --json, next start (task cache)',
	};
	options.log(`overview, ${where}, ${jobs} jobs`);
	await options.budget.repeat(options.runs, `${where} ${jobs} jobs`, async () => {
		const cache = await mkdtemp(join(options.home, 'cache-'));
		try {
			const env = {...subject.ivjmEnvironment, XDG_CACHE_HOME: cache};
			const cold = await timed(process.execPath, subject.ivjmArgs, {env, keep: true});
			checkJobs(cold.stdout, jobs, where);
			const warm = await timed(process.execPath, subject.ivjmArgs, {env, keep: true});
			checkJobs(warm.stdout, jobs, where);
			const peer = await timed(subject.peer.command, subject.peer.args, {
				env: subject.peerEnvironment,
			});
			if (peer.lines !== objects)
				throw new Error(`${subject.peer.tool} gave ${peer.lines} names, not ${objects}`);
			const row = {case: caseName, measure, unit: 's' as const};
			record({...row, id: ids.cold, tool: tools.cold, peers: [ids.peer]}, cold.seconds);
			record({...row, id: ids.warm, tool: tools.warm, peers: [ids.peer]}, warm.seconds);
			record({...row, id: ids.peer, tool: subject.peer.tool}, peer.seconds);
			const rss = {
				case: '3 memory',
				measure: `peak RSS, overview of ${measure}`,
				unit: 'MiB' as const,
				hidden: !options.headline,
			};
			const peerRss = `rss.${ids.peer}`;
			record(
				{...rss, id: `rss.${ids.cold}`, tool: tools.cold, peers: [peerRss]},
				cold.maxRssBytes / mebibyte,
			);
			record(
				{...rss, id: `rss.${ids.warm}`, tool: tools.warm, peers: [peerRss]},
				warm.maxRssBytes / mebibyte,
			);
			record({...rss, id: peerRss, tool: subject.peer.rssTool}, peer.maxRssBytes / mebibyte);
		} finally {
			await rm(cache, {recursive: true, force: true});
		}
	});
}

/** Where the Swift of an overview is: on loopback (the default), or behind the WAN proxy. */
export type SwiftPath = {id: string; label: string; caseName: string};

/**
 * `ivjm jobs --json` against `swift list --prefix jobs/<user>/`, same token. `via` the WAN, the
 * account's storage URL is the proxy's (both programs talk to Swift through it).
 */
export async function swiftOverview(
	options: OverviewRun & {account: SwiftAccount; container: string; user: string; via?: SwiftPath},
): Promise<void> {
	const {account, container, user, via} = options;
	const base = cleanEnvironment(options.home);
	await overview(options, {
		where: via?.id ?? 'swift',
		caseName: via?.caseName,
		label: `on Swift${via ? ` ${via.label}` : ''} (${jobsLabel(options.objects)} objects listed)`,
		ivjmArgs: ['dist/cli.js', 'jobs', '--json', '--bucket', container],
		ivjmEnvironment: {
			...base,
			OS_AUTH_TOKEN: account.token,
			OS_STORAGE_URL: account.storageUrl,
			OS_USERNAME: user,
			OS_PROJECT_NAME: 'project_2004504',
		},
		peer: {
			id: 'swift',
			tool: 'swift list --prefix (lower bound)',
			rssTool: 'swift list --prefix',
			command: '/usr/bin/swift',
			args: [
				'--os-auth-token',
				account.token,
				'--os-storage-url',
				account.storageUrl,
				'list',
				'--prefix',
				`jobs/${user}/`,
				container,
			],
		},
		peerEnvironment: base,
	});
}

export function localUserFolder(root: string, user: string): string {
	return join(root, encodeSegment(localBucket), ...folderPath(`jobs/${user}`));
}

/** `ivjm jobs --json --store local:DIR` against `find` walking the same files (no peer reads them). */
export async function localOverview(
	options: OverviewRun & {root: string; user: string},
): Promise<void> {
	const {root, user, jobs} = options;
	const base = cleanEnvironment(options.home);
	const label = `in the local store (${jobsLabel(options.objects)} files)`;
	const ivjmArgs = ['dist/cli.js', 'jobs', '--json', '--store', `local:${root}`, '--user', user];
	// The seeding wrote files behind the store's back and removed its listing index: this first
	// listing rebuilds it, as a store made before the index (or by another program) goes through once.
	const cache = await mkdtemp(join(options.home, 'cache-'));
	try {
		const rebuild = await timed(process.execPath, ivjmArgs, {
			env: {...base, XDG_CACHE_HOME: cache},
			keep: true,
		});
		checkJobs(rebuild.stdout, jobs, 'local');
		record(
			{
				id: `overview.local.${jobs}.rebuild`,
				case: options.headline ? '1 overview' : '5 scaling',
				measure: `${jobsLabel(jobs)} jobs × 5 biobanks ${label}`,
				tool: 'ivjm jobs --json, store without its index (builds it)',
				unit: 's',
				peers: [`overview.local.${jobs}.find`],
			},
			rebuild.seconds,
		);
	} finally {
		await rm(cache, {recursive: true, force: true});
	}
	await overview(options, {
		where: 'local',
		label,
		ivjmArgs,
		ivjmEnvironment: base,
		peer: {
			id: 'find',
			tool: 'find -type f (walk only, lower bound)',
			rssTool: 'find -type f',
			command: 'find',
			args: [localUserFolder(root, user), '-type', 'f'],
		},
		peerEnvironment: base,
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
