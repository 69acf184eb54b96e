import test from 'ava';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {filesHolding, filesUnder, modeOf, testPasswords} from '../credentials/test-home.js';
import {testServers} from '../helpers/servers.js';
import {Terminal} from './terminal.js';

const servers = testServers();

test.serial(
	'signing in through the TUI lands on the role picker with user and project in the header; the next start asks nothing',
	async (t) => {
		const terminal = await Terminal.open({
			env: {OS_AUTH_URL: servers.keystoneUrl, IVJM_KEYRING: 'none'},
		});
		t.teardown(() => terminal.close());
		await terminal.startIvjm();
		const form = await terminal.waitFor('Sign in with your CSC user name and password', 60_000);
		t.regex(form, /Keystone http:\/\/127\.0\.0\.1:\d+\/v3 · not signed in/u);
		t.regex(form, /Project\s+project_2004504/u);
		t.regex(form, /No keyring here .*/u);

		await terminal.type('requester');
		await terminal.press('Tab');
		await terminal.type('wrong-password-7');
		await terminal.press('Enter');
		const refused = await terminal.waitFor('refused the user name or password');
		t.regex(refused, /❯ Password\s*\n/u, 'the password field is emptied and has the focus');

		await terminal.type('requesterpass');
		const masked = await terminal.waitFor('•••••••••••••');
		t.false(masked.includes('requesterpass'));
		const pid = await terminal.programPid();
		const argv = await readFile(`/proc/${pid}/cmdline`, 'utf8');
		await terminal.press('Enter');

		const picker = await terminal.waitFor('Who are you today?', 30_000);
		const header = picker.split('\n')[1] ?? '';
		t.regex(header, /swift 127\.0\.0\.1:\d+ · project_2004504 · as requester/u);
		t.false(argv.includes('requesterpass'), 'the password is never in argv');

		await terminal.press('q');
		await terminal.waitForPrompt();
		await terminal.startIvjm();
		const again = await terminal.waitFor('Who are you today?', 60_000);
		t.regex(again, /project_2004504 · as requester/u);
		t.notRegex(again, /Sign in with/u);
		await terminal.press('q');
		await terminal.waitForPrompt();

		const stateFile = join(terminal.home, 'state', 'ivjm', 'sign-in.json');
		t.is((await modeOf(stateFile)).toString(8), '600');
		const written = await filesUnder(terminal.home);
		t.true(written.includes(stateFile));
		t.deepEqual(await filesHolding(written, testPasswords), []);
	},
);
