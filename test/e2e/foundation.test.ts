import test from 'ava';
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {Terminal} from './terminal.js';

test.serial('the role picker appears on the demo store at 80x24', async (t) => {
	const terminal = await Terminal.open({columns: 80, rows: 24});
	t.teardown(() => terminal.close());
	await terminal.startIvjm();
	const screen = await terminal.waitFor('Who are you today?', 60_000);
	t.regex(screen, /demo store .*ivjm\/demo/u);
	t.regex(screen, /❯ Researcher/u);
	t.regex(screen, /Biobank analyst/u);
	t.regex(screen, /\? help/u);
	t.true(await terminal.alternateScreen());
});

test.serial('the role picker appears at 120x40 with the footer on the last line', async (t) => {
	const terminal = await Terminal.open({columns: 120, rows: 40});
	t.teardown(() => terminal.close());
	await terminal.startIvjm();
	const screen = await terminal.waitFor('Who are you today?', 60_000);
	const lines = screen.split('\n');
	t.regex(lines[39] ?? '', /esc back/u);
});

test.serial(
	'at 80x24 help lists the keys of the screen under it, scrolls, and esc closes it',
	async (t) => {
		const terminal = await Terminal.open({columns: 80, rows: 24});
		t.teardown(() => terminal.close());
		await terminal.startIvjm();
		await terminal.waitFor('Who are you today?', 60_000);
		await terminal.press('Enter');
		await terminal.waitFor('updated');
		await terminal.type('?');
		const help = await terminal.waitFor(/lines 1–\d+ of \d+/u);
		const lines = help.trimEnd().split('\n');
		t.is(lines.length, 24, 'nothing is pushed off the screen');
		t.regex(lines[0] ?? '', /ivjm · my jobs/u);
		t.regex(lines[23] ?? '', /esc close.*\? help {2}q quit/u);
		t.regex(help, /^ {2}\/ {13}filter by any text$/mu);
		t.regex(help, /^ {2}d {13}download the results/mu);
		t.regex(help, /not now: nothing is ready yet/u);
		await terminal.press('PageDown');
		const end = await terminal.waitFor('Statuses');
		t.regex(end, /q Ctrl-C\s+quit/u);
		t.is(end.trimEnd().split('\n').length, 24);
		await terminal.press('Escape');
		const back = await terminal.waitFor('5 of 5 jobs');
		t.notRegex(back, /esc close/u);
	},
);

test.serial('a key that cannot be used now says why in one line, until the next key', async (t) => {
	const terminal = await Terminal.open({columns: 80, rows: 24});
	t.teardown(() => terminal.close());
	await terminal.startIvjm();
	await terminal.waitFor('Who are you today?', 60_000);
	await terminal.press('Enter');
	await terminal.waitFor(/❯ Smoking PRS.*waiting/u);
	await terminal.type('d');
	const refused = await terminal.waitFor('d: nothing is ready yet');
	t.regex(refused.split('\n')[2] ?? '', /^d: nothing is ready yet; HUS, .* are waiting/u);
	t.regex(refused, /5 of 5 jobs/u, 'the table stays');
	await terminal.press('Down');
	const moved = await terminal.waitForGone('nothing is ready yet');
	t.regex(moved, /❯ Withdrawn/u);
});

test.serial(
	'a terminal smaller than 80x24 gets the size it needs, and the screen returns when it grows',
	async (t) => {
		const terminal = await Terminal.open({columns: 70, rows: 20});
		t.teardown(() => terminal.close());
		await terminal.startIvjm();
		const small = await terminal.waitFor('Terminal too small', 60_000);
		t.regex(small, /needs at least 80×24; this one is 70×20/u);
		await terminal.resize(80, 24);
		await terminal.waitFor('Who are you today?');
		t.pass();
	},
);

for (const [how, keys] of [
	['q', ['q']],
	['Ctrl-C', ['C-c']],
] as const) {
	test.serial(`${how} quits and gives back the shell with the cursor visible`, async (t) => {
		const terminal = await Terminal.open();
		t.teardown(() => terminal.close());
		await terminal.startIvjm();
		await terminal.waitFor('Who are you today?', 60_000);
		await terminal.press(...keys);
		const screen = await terminal.waitForPrompt();
		t.notRegex(screen, /Who are you today\?/u);
		t.false(await terminal.alternateScreen());
		t.true(await terminal.cursorVisible());
	});
}

test.serial('SIGTERM leaves the alternate screen and shows the cursor again', async (t) => {
	const terminal = await Terminal.open();
	t.teardown(() => terminal.close());
	await terminal.startIvjm();
	await terminal.waitFor('Who are you today?', 60_000);
	process.kill(await terminal.programPid(), 'SIGTERM');
	const screen = await terminal.waitForPrompt();
	t.notRegex(screen, /Who are you today\?/u);
	t.false(await terminal.alternateScreen());
	t.true(await terminal.cursorVisible());
});

test.serial(
	'role researcher in the config file opens the jobs table; esc leads back to the role picker',
	async (t) => {
		const terminal = await Terminal.open();
		t.teardown(() => terminal.close());
		await mkdir(join(terminal.home, 'config', 'ivjm'), {recursive: true});
		await writeFile(
			join(terminal.home, 'config', 'ivjm', 'config.json'),
			JSON.stringify({role: 'researcher'}),
		);
		await terminal.startIvjm();
		const jobs = await terminal.waitFor('of 5 jobs', 60_000);
		t.notRegex(jobs, /Who are you today\?/u);
		await terminal.press('Escape');
		await terminal.waitFor('Who are you today?');
		t.pass();
	},
);
