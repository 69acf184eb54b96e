/**
 * Run by test/integration/credentials-keyrings.test.ts in a child process whose keyring setting
 * (a D-Bus session with a Secret Service, a kernel session keyring, or neither) the test chose.
 * Signs in through the TUI's path with "remember", starts again without a saved token, logs
 * out, and prints what happened as one JSON line; never a password.
 */
import {PassThrough} from 'node:stream';
import {text} from 'node:stream/consumers';
import {logoutCommand} from '../../source/commands/logout.js';
import {runCommand} from '../../source/commands/kit/run-command.js';
import {findKeyring} from '../../source/credentials/keyring.js';
import {SignInState} from '../../source/credentials/saved-sign-in.js';
import {keyringAccount} from '../../source/credentials/swift-connection.js';
import {startSession} from '../../source/session/start-session.js';

const authUrl = process.env['OS_AUTH_URL'] ?? '';
const account = keyringAccount({authUrl}, 'requester');
const probe = await findKeyring('auto');
const state = new SignInState();

const first = await startSession({store: 'swift'});
if (!('signIn' in first)) throw new Error('expected the sign-in screen');
const offer = first.signIn.keyring;
await first.signIn.submit({
	username: 'requester',
	password: 'requesterpass',
	project: 'project_2004504',
	remember: true,
});
const stored = (await probe.keyring?.get(account)) === 'requesterpass';

for (const saved of (await state.read()).tokens) await state.dropToken(saved.token);
const second = await startSession({store: 'swift'});

const stdout = new PassThrough();
const said = text(stdout);
await runCommand(logoutCommand, [], {
	openSession: async () => {
		throw new Error('logout opens no session');
	},
	stdout,
	stderr: new PassThrough(),
});
stdout.end();

process.stdout.write(
	`${JSON.stringify({
		kind: probe.keyring?.kind ?? 'none',
		unusable: probe.unusable,
		offer,
		stored,
		signedInFromKeyring: 'session' in second,
		logout: await said,
		afterLogout: (await probe.keyring?.get(account)) === undefined,
	})}\n`,
);
process.exit(0);
