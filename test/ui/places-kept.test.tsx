import test from 'ava';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {App} from '../../source/app.js';
import {seedDemo} from '../../source/demo/seed-demo.js';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import {frameMatching, testSession} from './render-with-session.js';

const day = 86_400_000;
const seededAt = Date.UTC(2026, 10, 25, 12, 0, 0);

async function demoApp(t: {teardown: (fn: () => unknown) => void}) {
	const root = await mkdtemp(join(tmpdir(), 'ivjm-places-'));
	t.teardown(async () => rm(root, {recursive: true, force: true}));
	const bucket = 'project_2004504-intervene-tasks';
	const store = createLocalStore({root});
	await seedDemo(store, bucket, seededAt);
	const app = render(
		<App
			session={testSession(store, bucket, 'jdoe')}
			initialScreens={[{name: 'role'}, {name: 'researcher'}]}
		/>,
	);
	t.teardown(app.unmount);
	return {...app, store, bucket};
}

/** The table's rows (the lines under its heading), the cursor's marked with ❯. */
const tableRows = (frame: string) => {
	const lines = frame.split('\n');
	const heading = lines.findIndex((line) => /^\s+Job\s+Type/u.test(line));
	return lines.slice(heading + 1).filter((line) => /^[❯ ] \S/u.test(line));
};

test('back from a job page the cursor is on the same job, also when a refresh added jobs above it', async (t) => {
	const {lastFrame, stdin, store, bucket} = await demoApp(t);
	await frameMatching(lastFrame, /5 of 5 jobs/u);
	stdin.write('\u001B[B');
	await frameMatching(lastFrame, /❯ Withdrawn/u);
	stdin.write('\u001B[B');
	await frameMatching(lastFrame, /❯ BMI GWAS/u);
	stdin.write('\r');
	await frameMatching(lastFrame, /ivjm · job/u);
	// Five newer jobs arrive while the job page is open.
	await seedDemo(store, bucket, seededAt + 30 * day);
	stdin.write('\u001B');
	// Both BMI GWAS rows named: every task.json of the refresh is read.
	const back = await frameMatching(lastFrame, /10 of 10 jobs[^]*BMI GWAS[^]*BMI GWAS/u);
	const rows = tableRows(back);
	t.is(rows.length, 10);
	t.is(
		rows.findIndex((row) => row.startsWith('❯')),
		7,
		'the cursor followed its job down by the five new rows',
	);
	t.regex(rows[2] ?? '', /^ {2}BMI GWAS/u, 'the new BMI GWAS is not the one under the cursor');
	t.regex(rows[7] ?? '', /^❯ BMI GWAS/u);
});

test('esc first clears an applied filter, and only the next esc goes back', async (t) => {
	const {lastFrame, stdin} = await demoApp(t);
	await frameMatching(lastFrame, /5 of 5 jobs/u);
	stdin.write('/');
	await frameMatching(lastFrame, /type to filter/u);
	stdin.write('Height\r');
	await frameMatching(lastFrame, /\/Height \(\/ to change, esc to clear\)/u);
	t.regex(lastFrame() ?? '', /1 of 5 jobs/u);
	t.regex(lastFrame() ?? '', /esc clear filter/u, 'the footer says what esc does now');
	stdin.write('\t');
	await frameMatching(lastFrame, /· active/u);
	stdin.write('\u001B');
	const cleared = await frameMatching(lastFrame, /5 of 5 jobs · all/u);
	t.notRegex(cleared, /\/Height/u);
	t.regex(cleared, /ivjm · my jobs/u, 'still on the table');
	stdin.write('\u001B');
	await frameMatching(lastFrame, /Who are you today\?/u);
	t.pass();
});
