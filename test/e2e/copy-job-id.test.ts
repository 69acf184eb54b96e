import test from 'ava';
import {join} from 'node:path';
import {Terminal} from './terminal.js';

// `y` on a job page puts the job id on the clipboard through OSC 52, which tmux (with
// set-clipboard on) takes into its paste buffer, as a terminal over SSH would take it.
test.serial(
	'y on a job page copies the job id with OSC 52, Y the ivjm results command',
	async (t) => {
		const terminal = await Terminal.open({columns: 100, rows: 30});
		t.teardown(() => terminal.close());
		await terminal.acceptClipboard();
		await terminal.startIvjm([
			'--store',
			`local:${join(terminal.home, 'store')}`,
			'--user',
			'jdoe',
		]);
		await terminal.waitFor('Who are you today?', 60_000);
		await terminal.press('Enter');
		// The table's rows, not only its title: enter opens the row under the cursor.
		await terminal.waitFor(/❯ \S.* (waiting|ready|processing|cancelled)/u);
		await terminal.press('Enter');
		const page = await terminal.waitFor(/Biobanks · times are/u);
		const jobId = /\b(\d{10}-jdoe)\b/u.exec(page)?.[1] ?? '';
		t.truthy(jobId, page);
		await terminal.type('y');
		await terminal.waitFor(`Copied ${jobId} to the clipboard.`);
		t.is(await terminal.clipboard(), jobId);
		// Y: the command that downloads its results, ready to paste in a shell.
		await terminal.type('Y');
		await terminal.waitFor(`Copied ivjm results ${jobId} to the clipboard.`);
		t.is(await terminal.clipboard(), `ivjm results ${jobId}`);
	},
);
