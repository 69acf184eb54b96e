import test from 'ava';
import {chmod, mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {Terminal} from './terminal.js';

// The request form as a person types it, in the built program in tmux on the demo store: tab
// completes a path, a listed file is removed with ctrl-x, and enter on an empty instructions
// line opens $EDITOR (a stub script here) in the terminal, after which the form is back whole.
test.serial(
	'tab completes a path, ctrl-x removes a listed file, and $EDITOR writes the instructions',
	async (t) => {
		const terminal = await Terminal.open({
			columns: 100,
			rows: 30,
			// Read by `sh -c` as git reads it: $HOME is the terminal's private home.
			env: {EDITOR: '$HOME/stub-editor.sh', VISUAL: ''},
		});
		t.teardown(() => terminal.close());
		const files = join(terminal.home, 'files');
		await mkdir(files);
		await writeFile(join(files, 'container.sif'), 'a container');
		await writeFile(join(files, 'phenotypes.tsv'), 'IID\tBMI\n');
		const editor = join(terminal.home, 'stub-editor.sh');
		await writeFile(editor, '#!/bin/sh\nprintf "Run container.sif on phenotypes.tsv.\\n" > "$1"\n');
		await chmod(editor, 0o755);

		await terminal.startIvjm([
			'--store',
			`local:${join(terminal.home, 'store')}`,
			'--user',
			'jdoe',
		]);
		await terminal.waitFor('Who are you today?', 60_000);
		await terminal.press('Enter');
		await terminal.waitFor('my jobs');
		await terminal.type('n');
		await terminal.waitFor('step 1 of 10');
		await terminal.type('Tab test');
		await terminal.press('Enter');
		await terminal.waitFor('step 2 of 10');
		await terminal.type('jdoe@example.org');
		await terminal.press('Enter');
		await terminal.waitFor('Target biobanks');
		await terminal.press('Space', 'Enter');
		await terminal.waitFor('Analysis type');
		await terminal.press('Down', 'Down', 'Enter');
		await terminal.waitFor('step 5 of 10');

		// ~ and a unique start complete whole; the folder gets its slash.
		await terminal.type('~/fi');
		await terminal.press('Tab');
		await terminal.waitFor('path: ~/files/');
		await terminal.type('c');
		await terminal.press('Tab');
		await terminal.waitFor('path: ~/files/container.sif');
		await terminal.press('Enter');
		await terminal.waitFor(/✔ container\.sif/u);
		await terminal.type('~/files/p');
		await terminal.press('Tab');
		await terminal.waitFor('path: ~/files/phenotypes.tsv');
		await terminal.press('Enter');
		await terminal.waitFor(/▸ ✔ phenotypes\.tsv/u);
		// The same file again is said to be there, and stays.
		await terminal.type('~/files/container.sif');
		await terminal.press('Enter');
		const again = await terminal.waitFor('container.sif is already added');
		t.regex(again, /▸ ✔ container\.sif/u);
		t.regex(again, /✔ phenotypes\.tsv/u);
		await terminal.press('C-x');
		const removed = await terminal.waitFor('container.sif removed');
		t.notRegex(removed, /✔ container\.sif/u);
		t.regex(removed, /✔ phenotypes\.tsv/u);
		await terminal.press('Enter');
		await terminal.waitFor('step 6 of 10');

		// enter on an empty line: the stub editor writes the instructions; the form comes back.
		await terminal.press('Enter');
		await terminal.waitFor('step 7 of 10');
		t.true(await terminal.alternateScreen());
		await terminal.type('out.txt');
		await terminal.press('Enter');
		await terminal.waitFor('step 8 of 10');
		await terminal.press('Enter');
		await terminal.waitFor('step 9 of 10');
		await terminal.press('Enter');
		const review = await terminal.waitFor('enter submits');
		t.regex(review, /instructions\.md +\d+ B +→ /u);
		t.regex(review, /phenotypes\.tsv +\d+ B +→ /u);
		t.notRegex(review, /container\.sif/u);
	},
);
