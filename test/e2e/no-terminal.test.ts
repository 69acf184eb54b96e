import test from 'ava';
import {spawnSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const program = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const message =
	'ivjm needs a terminal for its screens (ssh -t); for scripts use the commands, e.g. ivjm jobs --json\n';

for (const [how, input] of [
	['echo | ivjm', 'hello\n'],
	['ivjm from cron (no input at all)', undefined],
] as const) {
	test(`${how}: one line, exit 2, no stack trace`, async (t) => {
		const home = await mkdtemp(join(tmpdir(), 'ivjm-noterm-'));
		t.teardown(async () => rm(home, {recursive: true, force: true}));
		const run = spawnSync(process.execPath, [program], {
			input,
			stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
			env: {PATH: process.env['PATH'] ?? '', HOME: home},
			encoding: 'utf8',
			timeout: 60_000,
		});
		t.is(run.status, 2);
		t.is(`${run.stdout}${run.stderr}`, message);
	});
}
