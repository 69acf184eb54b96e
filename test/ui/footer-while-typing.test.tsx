import test from 'ava';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {App} from '../../source/app.js';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import {frameMatching, testSession, until} from './render-with-session.js';

const root = await mkdtemp(join(tmpdir(), 'ivjm-footer-'));
const bucket = 'project_2004504-intervene-tasks';
const store = createLocalStore({root});
await store.createContainer(bucket);
test.after.always(async () => rm(root, {recursive: true, force: true}));

const footer = (frame: string) => frame.trimEnd().split('\n').at(-1) ?? '';

test('while a field takes text the footer offers ctrl-c, not the ? and q that are letters there', async (t) => {
	const {lastFrame, stdin, unmount} = render(
		<App
			session={testSession(store, bucket, 'jdoe')}
			initialScreens={[{name: 'role'}, {name: 'researcher'}]}
		/>,
	);
	t.teardown(unmount);
	await frameMatching(lastFrame, /No jobs yet/u);
	t.regex(footer(lastFrame() ?? ''), /\? help.*q quit/u);
	stdin.write('n');
	await frameMatching(lastFrame, /step 1 of 10/u);
	await until(() => /ctrl-c quit/u.test(footer(lastFrame() ?? '')));
	const typing = footer(lastFrame() ?? '');
	t.regex(typing, /ctrl-c quit/u);
	t.notRegex(typing, /\? help|q quit/u);
	stdin.write('?q');
	await frameMatching(lastFrame, /\?q/u);
	t.pass('? and q went into the task name');
});
