import test from 'ava';
import {Terminal} from './terminal.js';

// At 80×24 a question that wraps once took rows the page did not give up: the frame outgrew the
// terminal, the title scrolled away and "Proceed? y / n" was drawn over the question's end
// (seen after R, which now opens the request form: the cancel question wraps the same way).
test.serial(
	'at 80x24 a wrapped y/n question fits above the page: title kept, prompt on its own line',
	async (t) => {
		const terminal = await Terminal.open({columns: 80, rows: 24});
		t.teardown(() => terminal.close());
		await terminal.startIvjm();
		await terminal.waitFor('Who are you today?', 60_000);
		await terminal.press('Enter');
		await terminal.waitFor('BMI GWAS with own', 60_000);
		await terminal.type('/BMI');
		await terminal.press('Enter');
		await terminal.waitFor(/1 of 5 jobs/u);
		await terminal.press('Enter');
		await terminal.waitFor('R resubmit', 30_000);
		await terminal.type('c');
		const screen = await terminal.waitFor('Proceed? y / n');
		const lines = screen.split('\n');
		t.regex(lines[0] ?? '', /^ivjm · job/u, screen);
		t.regex(screen, /^│ .*delivered stay\. +│$/mu, screen);
		t.regex(screen, /^│ Proceed\? y \/ n +│$/mu, screen);
		t.regex(lines[23] ?? '', /y yes {2}n no/u, screen);
		await terminal.type('n');
		await terminal.waitForGone('Proceed? y / n');
		// R opens the request form filled from the job, which fits as well.
		await terminal.type('R');
		const form = await terminal.waitFor(/Resubmitting \d+-jdoe · step 1 of 10 · Task name/u);
		const rows = form.split('\n');
		t.regex(rows[0] ?? '', /^ivjm · resubmit \d+-jdoe/u, form);
		t.regex(form, /BMI GWAS with own/u, form);
		t.regex(rows[23] ?? '', /enter next/u, form);
	},
);

test.serial(
	'at 80x24 the claim question (with the work folder) fits above the job page',
	async (t) => {
		const terminal = await Terminal.open({columns: 80, rows: 24});
		t.teardown(() => terminal.close());
		await terminal.startIvjm(['--biobank', 'HUS']);
		// As a person does: the table loaded ("updated …") before enter.
		await terminal.waitFor(/HUS · \d+ of \d+ jobs.*updated/u, 60_000);
		await terminal.press('Enter');
		// Under a loaded CI machine this enter was once lost with the table on screen (a lost key
		// is known once before, a PgDn at load 20; see the closing note). This test is about the
		// question's layout: a lost enter is logged, and sent again.
		const opened = await terminal.waitFor('c claims it', 20_000).catch(() => undefined);
		if (opened === undefined) {
			t.log('enter on the inbox was lost; sent again');
			await terminal.press('Enter');
			await terminal.waitFor('c claims it', 30_000);
		}
		await terminal.type('c');
		const screen = await terminal.waitFor('Proceed? y / n');
		const lines = screen.split('\n');
		t.regex(lines[0] ?? '', /^ivjm · HUS job/u, screen);
		t.regex(screen, /^│ Proceed\? y \/ n +│$/mu, screen);
		t.regex(lines[23] ?? '', /y yes {2}n no/u, screen);
		await terminal.type('n');
		await terminal.waitForGone('Proceed? y / n');
	},
);
