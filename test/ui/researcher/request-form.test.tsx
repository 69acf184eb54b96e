import test from 'ava';
import {chmod, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {App} from '../../../source/app.js';
import {createLocalStore} from '../../../source/storage/local/local-store.js';
import {KeyDispatcher} from '../../../source/ui/hooks/use-keys.js';
import {FileStep} from '../../../source/ui/screens/researcher/new-request/file-step.js';
import {writeInstructionsInEditor} from '../../../source/ui/screens/researcher/new-request/instructions-editor.js';
import type {PickedFile} from '../../../source/ui/screens/researcher/new-request/request-draft.js';
import {frameMatching, testSession} from '../render-with-session.js';

const folder = join(tmpdir(), `ivjm-request-form-${process.pid}`);
const files = join(folder, 'files');
test.before(async () => {
	await mkdir(join(files, 'alpine'), {recursive: true});
	for (const name of ['alpha.txt', 'beta.sif', 'gamma.txt'])
		await writeFile(join(files, name), name);
});
test.after.always(async () => rm(folder, {recursive: true, force: true}));

const keys = {
	enter: '\r',
	tab: '\t',
	up: '\u001B[A',
	down: '\u001B[B',
	esc: '\u001B',
	ctrlX: '\u0018',
};

function Files({onWrite}: {onWrite?: () => string | undefined}) {
	const [picked, setPicked] = useState<PickedFile[]>([]);
	return (
		<KeyDispatcher>
			<FileStep
				files={picked}
				single={false}
				onChange={setPicked}
				onDone={() => undefined}
				onWrite={onWrite}
				emptyEnter="when done"
			/>
		</KeyDispatcher>
	);
}

const typed = async (stdin: {write(text: string): void}, text: string) => {
	for (const character of text) {
		stdin.write(character);
		await new Promise((resolve) => setImmediate(resolve));
	}
};

test('a path given twice is "already added", not removed; ↑ and ctrl-x remove the highlighted file', async (t) => {
	const {lastFrame, stdin, unmount} = render(<Files />);
	t.teardown(unmount);
	for (const name of ['alpha.txt', 'beta.sif', 'alpha.txt']) {
		await typed(stdin, join(files, name));
		stdin.write(keys.enter);
		await frameMatching(lastFrame, new RegExp(`✔ ${name.replace('.', '\\.')}`, 'u'));
	}

	const twice = await frameMatching(lastFrame, /alpha\.txt is already added/u);
	t.is(twice.match(/✔ alpha\.txt/gu)?.length, 1);
	t.regex(twice, /▸ ✔ alpha\.txt/u, 'the file named again is highlighted');
	t.regex(twice, /✔ beta\.sif/u);
	stdin.write(keys.down);
	await frameMatching(lastFrame, /▸ ✔ beta\.sif/u);
	stdin.write(keys.ctrlX);
	const removed = await frameMatching(lastFrame, /beta\.sif removed/u);
	t.notRegex(removed, /✔ beta\.sif/u);
	t.regex(removed, /✔ alpha\.txt/u);
});

test('tab completes a path: one match whole, several to their common part and then the list, ~ and folders', async (t) => {
	const {lastFrame, stdin, unmount} = render(<Files />);
	t.teardown(unmount);
	await typed(stdin, join(files, 'b'));
	stdin.write(keys.tab);
	await frameMatching(lastFrame, /files\/beta\.sif/u);
	stdin.write(keys.enter);
	await frameMatching(lastFrame, /✔ beta\.sif/u);
	await typed(stdin, join(files, 'a'));
	stdin.write(keys.tab);
	await frameMatching(lastFrame, /path: \S*files\/alp/u);
	stdin.write(keys.tab);
	const listed = await frameMatching(lastFrame, /alpha\.txt {2}alpine\//u);
	t.regex(listed, /path: \S*files\/alp/u);
	await typed(stdin, 'i');
	stdin.write(keys.tab);
	await frameMatching(lastFrame, /files\/alpine\//u);
	t.pass();
});

test('enter on an empty line with no instructions opens $EDITOR; what it wrote is the instructions file', async (t) => {
	const stub = join(folder, 'stub-editor.sh');
	await writeFile(stub, '#!/bin/sh\nprintf "Run beta.sif on the phenotypes.\\n" > "$1"\n');
	await chmod(stub, 0o755);
	const state = join(folder, 'state');
	const written = writeInstructionsInEditor(undefined, {
		...process.env,
		VISUAL: '',
		EDITOR: stub,
		XDG_STATE_HOME: state,
	});
	t.true(written.ok, written.ok ? '' : written.reason);
	if (!written.ok) return;
	t.is(written.file.name, 'instructions.md');
	t.is(await readFile(written.file.path, 'utf8'), 'Run beta.sif on the phenotypes.\n');
	t.true(written.file.path.startsWith(join(state, 'ivjm', 'drafts')), written.file.path);
	const none = writeInstructionsInEditor(undefined, {PATH: process.env.PATH});
	t.false(none.ok);
	t.regex(none.ok ? '' : none.reason, /Set \$EDITOR or \$VISUAL/u);
	const empty = join(folder, 'empty-editor.sh');
	await writeFile(empty, '#!/bin/sh\n: > "$1"\n');
	await chmod(empty, 0o755);
	const nothing = writeInstructionsInEditor(undefined, {EDITOR: empty, XDG_STATE_HOME: state});
	t.regex(nothing.ok ? '' : nothing.reason, /empty; nothing was added/u);

	const {lastFrame, stdin, unmount} = render(<Files onWrite={() => 'the editor was asked'} />);
	t.teardown(unmount);
	await frameMatching(lastFrame, /path:/u);
	stdin.write(keys.enter);
	await frameMatching(lastFrame, /the editor was asked/u);
});

test('the form counts its steps from the start, labels the four resources with defaults, and asks before esc or ctrl-c discard it', async (t) => {
	const root = await mkdtemp(join(folder, 'store-'));
	const bucket = 'project_2004504-intervene-tasks';
	const store = createLocalStore({root});
	await store.createContainer(bucket);
	const {lastFrame, stdin, unmount} = render(
		<App
			session={testSession(store, bucket, 'jdoe')}
			initialScreens={[{name: 'role'}, {name: 'researcher'}]}
		/>,
	);
	t.teardown(unmount);
	await frameMatching(lastFrame, /No jobs yet/u);
	stdin.write('n');
	await frameMatching(lastFrame, /step 1 of 10/u);
	await typed(stdin, 'BMI');
	stdin.write(keys.esc);
	await frameMatching(lastFrame, /Discard this request\? y\/n/u);
	stdin.write('n');
	await frameMatching(lastFrame, /^(?![^]*Discard)/u);
	stdin.write('\u0003');
	await frameMatching(lastFrame, /Discard this request\? y\/n/u);
	stdin.write('n');
	await frameMatching(lastFrame, /^(?![^]*Discard)/u);
	stdin.write(keys.enter);
	await frameMatching(lastFrame, /step 2 of 10/u);
	await typed(stdin, 'me@example.org');
	stdin.write(keys.enter);
	await frameMatching(lastFrame, /Target biobanks/u);
	stdin.write(' ');
	stdin.write(keys.enter);
	await frameMatching(lastFrame, /Analysis type/u);
	stdin.write(keys.down);
	stdin.write(keys.down);
	stdin.write(keys.enter);
	await frameMatching(lastFrame, /step 5 of 10 · Input files/u);
	await typed(stdin, join(files, 'beta.sif'));
	stdin.write(keys.enter);
	await frameMatching(lastFrame, /✔ beta\.sif/u);
	stdin.write(keys.enter);
	await frameMatching(lastFrame, /step 6 of 10/u);
	await typed(stdin, join(files, 'gamma.txt'));
	stdin.write(keys.enter);
	await frameMatching(lastFrame, /step 7 of 10/u);
	await typed(stdin, 'out.txt');
	stdin.write(keys.enter);
	await frameMatching(lastFrame, /step 8 of 10/u);
	stdin.write(keys.enter);
	const resources = await frameMatching(lastFrame, /step 9 of 10/u);
	t.regex(resources, /▸ CPU cores +1 +cores/u);
	t.regex(resources, /Memory +2 GB/u);
	t.regex(resources, /Disk +20 GB/u);
	t.regex(resources, /Run time +1 hours/u);
	t.regex(resources, /Preemptible +\[ \]/u);
	// "4 16 100 8", one field at a time.
	for (const [index, value] of ['4', '16', '100', '8'].entries()) {
		stdin.write('\u0015');
		await typed(stdin, value);
		stdin.write(keys.tab);
		await frameMatching(
			lastFrame,
			new RegExp(`▸ ${['Memory', 'Disk', 'Run time', 'Preemptible'][index]}`, 'u'),
		);
	}

	stdin.write(' ');
	const filled = await frameMatching(lastFrame, /Preemptible +\[x\]/u);
	t.regex(filled, /CPU cores +4 +cores[^]*Memory +16 +GB[^]*Disk +100 +GB[^]*Run time +8 +hours/u);
	stdin.write(keys.up);
	await frameMatching(lastFrame, /▸ Run time/u);
	stdin.write('\u0015');
	await typed(stdin, 'eight');
	stdin.write(keys.enter);
	await frameMatching(lastFrame, /Run time: "eight" is not a number of hours/u);
	stdin.write('\u0015');
	await typed(stdin, '8');
	stdin.write(keys.enter);
	const review = await frameMatching(lastFrame, /step 10 of 10/u);
	t.regex(review, /4 cores, 16 GB RAM, 100 GB disk, 8 h, preemptible/u);
});
