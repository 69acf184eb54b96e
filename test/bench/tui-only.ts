/**
 * `npm run bench -- tui` (or IVJM_BENCH_ONLY=tui): only the TUI cases, on a local store of
 * 10,000 jobs seeded for the run, without Swift or the transfers: a few minutes instead of the
 * whole bench, to iterate on the terminal surface. Writes test/bench/results/tui.{md,json}.
 */
import {execFile} from 'node:child_process';
import {mkdir, mkdtemp, rm, statfs, writeFile} from 'node:fs/promises';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {jobsLabel} from './overview-cases.js';
import {markdownTable, seriesFigures} from './report.js';
import {seedLocalJobs} from './seed-local.js';
import {measureTui, recordTui, tuiOptions} from './tui-cases.js';

const jobs = Number(process.env['IVJM_BENCH_TUI_JOBS'] ?? 10_000);
const user = 'benchuser';

const shm = await statfs('/dev/shm').catch(() => undefined);
const parent = shm && shm.bavail * shm.bsize > jobs * 200 * 1024 ? '/dev/shm' : tmpdir();
const root = await mkdtemp(join(parent, 'ivjm-bench-tui-store-'));
const log = (message: string) => process.stderr.write(`[bench tui] ${message}\n`);
try {
	log(`seeding ${jobsLabel(jobs)} jobs in ${root}`);
	await seedLocalJobs(root, user, 0, jobs);
	const options = tuiOptions(root, user, jobs);
	// The seed leaves the store without its listing index; in the full bench the overview case
	// has rebuilt it before the TUI opens the store. Do the same here (in a home of its own, so
	// the TUI still starts without a task cache), or the table case would time the rebuild.
	log('building the listing index (ivjm jobs --json)');
	const home = await mkdtemp(join(tmpdir(), 'ivjm-bench-tui-index-'));
	await promisify(execFile)(
		'node',
		[options.program, 'jobs', '--json', '--store', `local:${root}`, '--user', user],
		{
			env: {
				...process.env,
				HOME: home,
				XDG_CONFIG_HOME: join(home, 'config'),
				XDG_CACHE_HOME: join(home, 'cache'),
			},
			maxBuffer: 1 << 30,
		},
	);
	await rm(home, {recursive: true, force: true});
	log(`measuring ${options.program} in a 120×40 pty (${options.idleSeconds} s idle included)`);
	const result = await measureTui(options);
	recordTui(result, jobsLabel(jobs));
	const markdown = [
		`TUI cases only, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, program ${options.program}, load average ${loadavg()
			.map((value) => value.toFixed(1))
			.join(' / ')}.`,
		'',
		markdownTable(),
		'',
	].join('\n');
	process.stdout.write(`\n${markdown}\n`);
	const folder = join(import.meta.dirname, 'results');
	await mkdir(folder, {recursive: true});
	await writeFile(join(folder, 'tui.md'), markdown);
	await writeFile(
		join(folder, 'tui.json'),
		JSON.stringify({result, rows: seriesFigures()}, undefined, 2),
	);
} finally {
	await rm(root, {recursive: true, force: true});
}
