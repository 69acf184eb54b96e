import {readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import test from 'ava';
import {Terminal} from './terminal.js';

/**
 * An error nothing in ivjm catches, planted from outside the program: a module preloaded with
 * `node --import` throws when the test sends it SIGUSR2 (once the first screen is up), as a
 * defect would. The person must get
 * their terminal back, one short text with where the details went, and no stack trace.
 */
test.serial(
	'an unexpected error restores the terminal, says where the details are, and shows no stack',
	async (t) => {
		const terminal = await Terminal.open({columns: 80, rows: 24});
		t.teardown(() => terminal.close());
		const fault = join(terminal.home, 'planted-fault.mjs');
		await writeFile(
			fault,
			"process.on('SIGUSR2', () => setImmediate(() => { throw new Error('planted fault in the screens'); }));\n",
		);
		await terminal.type(`node --import ${fault} dist/cli.js`);
		await terminal.press('Enter');
		await terminal.waitFor('Who are you today?', 60_000);
		t.true(await terminal.alternateScreen());
		process.kill(await terminal.programPid(), 'SIGUSR2');

		const screen = await terminal.waitForPrompt(30_000);
		t.false(await terminal.alternateScreen(), 'the alternate screen is left');
		t.true(await terminal.cursorVisible(), 'the cursor is shown again');
		t.regex(screen, /ivjm stopped because of an error it did not expect/u);
		t.regex(screen, /^that was running resumes from where it stopped when you start it again\.$/mu);
		const file = /The details are in (\S+?);/u.exec(screen.replaceAll('\n', ''))?.[1] ?? '';
		t.not(file, '', screen);
		t.notRegex(screen, /^\s+at /mu, 'no stack trace on the screen');
		t.notRegex(screen, /planted fault in the screens[\s\S]*\bat\b.*:\d+:\d+/u);

		const folder = join(terminal.home, 'state', 'ivjm');
		const [crash] = (await readdir(folder)).filter((name) => name.startsWith('crash-'));
		t.truthy(crash, `a crash file in ${folder}`);
		const path = join(folder, crash ?? '');
		t.is(file.replace(/^~/u, terminal.home), path);
		t.is((await stat(path)).mode & 0o777, 0o600);
		const details = await readFile(path, 'utf8');
		t.regex(details, /Error: planted fault in the screens\n\s+at /u, 'the stack is in the file');
	},
);
