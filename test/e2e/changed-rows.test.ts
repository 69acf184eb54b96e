import test from 'ava';
import {seedJob} from '../jobs/analyst/seed.js';
import {swiftContainer, tempauthStore} from '../jobs/analyst/swift.js';
import {pythonAnalystStep} from '../watch/python-analyst.js';
import {Terminal} from './terminal.js';

// The built ivjm in tmux against the real Swift, as a researcher uses it: while the jobs table is
// open, the Python analyst tool (another process, another person) claims and delivers a job at
// HUS. After the refresh its row is marked, the header counts it and the bell rang; opening the
// job clears the mark, and a restart keeps it cleared (the seen state is in XDG_STATE_HOME).
const swift = tempauthStore();
test.after.always(async () => swift.store.close());

const rowOf = (screen: string, name: string) =>
	screen.split('\n').find((line) => line.includes(name)) ?? '';

test.serial('a job another process moved is marked and counted until opened', async (t) => {
	const container = await swiftContainer(t, 'e2e-changed-rows', swift);
	const moved = await seedJob(
		swift.store,
		{seconds: 1_795_800_000, name: 'PRS test', biobanks: ['HUS', 'FIMM']},
		container,
	);
	await seedJob(
		swift.store,
		{seconds: 1_795_900_000, name: 'Lipid scan', biobanks: ['HUS']},
		container,
	);
	const signedIn = await swift.auth.getSession();
	const terminal = await Terminal.open({
		env: {
			OS_USERNAME: 'requester',
			OS_AUTH_TOKEN: signedIn.token,
			OS_STORAGE_URL: signedIn.storageUrl,
			IVJM_KEYRING: 'none',
		},
	});
	t.teardown(() => terminal.close());
	const start = async () => {
		await terminal.startIvjm(['--bucket', container]);
		await terminal.waitFor('Who are you today?', 60_000);
		await terminal.press('Enter');
		return terminal.waitFor(/Lipid scan[^]*PRS test/u);
	};

	const first = await start();
	t.notRegex(first, /changed/u, 'the first look is the baseline');
	t.regex(rowOf(first, 'PRS test'), /^ {2}PRS test/u);

	await pythonAnalystStep('claim', container, 'HUS', moved);
	await pythonAnalystStep('deliver', container, 'HUS', moved);
	t.false(await terminal.bellRung(), 'no bell before the table has seen the change');
	await terminal.type('r');
	const marked = await terminal.waitFor(/2 of 2 jobs · 1 changed · all/u);
	t.regex(rowOf(marked, 'PRS test'), /^ \*PRS test .*✔/u, marked);
	t.regex(rowOf(marked, 'Lipid scan'), /^❯ Lipid scan/u);
	t.true(await terminal.bellRung(), 'a biobank became ready while the table was open');

	await terminal.press('Down');
	await terminal.waitFor(/❯\*PRS test/u);
	await terminal.press('Enter');
	await terminal.waitFor(/Biobanks · times are/u);
	await terminal.press('Escape');
	const cleared = await terminal.waitFor(/2 of 2 jobs · all/u);
	t.regex(rowOf(cleared, 'PRS test'), /^❯ PRS test/u);

	// Quit and start again: what was looked at is remembered.
	await terminal.type('q');
	await terminal.waitForPrompt();
	const again = await start();
	t.notRegex(again, /changed/u);
	t.notRegex(again, /\*PRS test/u);
});
