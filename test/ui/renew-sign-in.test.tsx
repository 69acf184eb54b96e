import test from 'ava';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {App} from '../../source/app.js';
import {PasswordPrompt} from '../../source/credentials/password-prompt.js';
import {seedDemo} from '../../source/demo/seed-demo.js';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import {frameMatching, testSession} from './render-with-session.js';

const root = await mkdtemp(join(tmpdir(), 'ivjm-renew-'));
const bucket = 'project_2004504-intervene-tasks';
const store = createLocalStore({root});
await seedDemo(store, bucket, Date.UTC(2026, 10, 25, 12, 0, 0));
test.after.always(async () => rm(root, {recursive: true, force: true}));

function renderApp() {
	const renewal = new PasswordPrompt();
	const session = testSession(store, bucket, 'jdoe', {renewal});
	const app = render(
		<App session={session} initialScreens={[{name: 'role'}, {name: 'researcher'}]} />,
	);
	return {...app, renewal};
}

test('an expired sign-in asks for the password over the screen, which comes back as it was', async (t) => {
	const {lastFrame, stdin, unmount, renewal} = renderApp();
	t.teardown(unmount);
	await frameMatching(lastFrame, /PRS pipeline check/u);
	stdin.write('/');
	await frameMatching(lastFrame, /type to filter/u);
	stdin.write('BMI');
	await frameMatching(lastFrame, /1 of 5 jobs/u);

	const answer = renewal.ask('jdoe', 'project_2004504');
	const asked = await frameMatching(lastFrame, /Your sign-in has expired/u);
	t.regex(asked, /saved sign-in of jdoe to project_2004504 ran out/u);
	t.notRegex(asked, /BMI GWAS/u, 'the screen is hidden meanwhile');
	t.regex(asked, /enter sign in/u);
	// Typed at once: keys go to the password, not to the hidden table or the global keys (q is a
	// letter here), and none is lost to the field's first render.
	stdin.write('s3cr');
	stdin.write('et q');
	const typed = await frameMatching(lastFrame, /Password: •{8}/u);
	t.notRegex(typed, /s3cret/u);
	stdin.write('\r');
	t.is((await answer)?.reveal(), 's3cret q');
	const back = await frameMatching(lastFrame, /BMI GWAS/u);
	t.regex(back, /1 of 5 jobs/u, 'the filter being typed is still there');
	stdin.write('\u001B');
	await frameMatching(lastFrame, /5 of 5 jobs/u);
	t.notRegex(back, /Your sign-in has expired/u);
});

test('esc gives up: the renewal gets no password and the screen comes back', async (t) => {
	const {lastFrame, stdin, unmount, renewal} = renderApp();
	t.teardown(unmount);
	await frameMatching(lastFrame, /PRS pipeline check/u);
	const answer = renewal.ask('jdoe', 'project_2004504');
	await frameMatching(lastFrame, /Your sign-in has expired/u);
	stdin.write('\u001B');
	t.is(await answer, undefined);
	const back = await frameMatching(lastFrame, /PRS pipeline check/u);
	t.regex(back, /5 of 5 jobs/u, 'esc did not also leave the jobs screen');
});
