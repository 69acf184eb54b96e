import test from 'ava';
import {execFile} from 'node:child_process';
import {resolve} from 'node:path';
import {promisify} from 'node:util';
import {filesHolding, TestHomes, testPasswords} from '../credentials/test-home.js';
import {testServers} from '../helpers/servers.js';

const run = promisify(execFile);
const repository = resolve(import.meta.dirname, '../..');
const servers = testServers();
const homes = new TestHomes();
const node = `node --import=${import.meta.resolve('tsx')} test/credentials/keyring-child.ts`;

type ChildResult = {
	kind: string;
	unusable: Array<{name: string; why: string}>;
	offer: {description: string} | {missing: string};
	stored: boolean;
	signedInFromKeyring: boolean;
	logout: string;
	afterLogout: boolean;
};

/** Runs the child under `shell` (a bash command line ending in `$NODE`) in a fresh home. */
async function child(label: string, shell: string): Promise<ChildResult> {
	const home = await homes.make(label);
	// No D-Bus session is inherited: each test brings its own, or none.
	const environment = home.environment({
		OS_AUTH_URL: servers.keystoneUrl,
		NODE: node,
		KEYRING_UNLOCK: 'keyring-unlock-phrase',
	});
	const {stdout} = await run('bash', ['-c', shell], {
		cwd: repository,
		env: environment,
		timeout: 60_000,
	});
	const last = stdout.trim().split('\n').at(-1) ?? '';
	return JSON.parse(last) as ChildResult;
}

test.after.always('the keyrings leave no password in any file of the homes', async (t) => {
	t.deepEqual(await filesHolding(await homes.files(), testPasswords), []);
	await homes.remove();
});

test.serial(
	'keytar is picked where a Secret Service answers (dbus-run-session, gnome-keyring unlocked)',
	async (t) => {
		const result = await child(
			'keytar',
			'dbus-run-session -- bash -c \'printf %s "$KEYRING_UNLOCK" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec $NODE\' 2>/dev/null',
		);
		t.is(result.kind, 'keytar', JSON.stringify(result.unusable));
		t.deepEqual(result.offer, {description: 'the Secret Service keyring (keytar)'});
		t.true(result.stored);
		t.true(result.signedInFromKeyring, 'the next start signs in with the remembered password');
		t.regex(
			result.logout,
			/removed the password of requester@.* from the Secret Service keyring \(keytar\)/u,
		);
		t.regex(result.logout, /removed the saved sign-in/u);
		t.true(result.afterLogout);
	},
);

test.serial(
	'the kernel keyring is picked without D-Bus, in a session keyring (keyctl session)',
	async (t) => {
		const result = await child('kernel', 'exec keyctl session - bash -c "exec $NODE" 2>/dev/null');
		t.is(result.kind, 'kernel', JSON.stringify(result.unusable));
		t.deepEqual(
			result.unusable.map(({name}) => name),
			['keytar', 'Secret Service'],
		);
		t.deepEqual(result.offer, {description: 'the kernel keyring (@napi-rs/keyring)'});
		t.true(result.stored);
		t.true(result.signedInFromKeyring);
		t.regex(result.logout, /from the kernel keyring/u);
		t.true(result.afterLogout);
	},
);

test.serial(
	'with no keyring at all the password stays in memory, and the screen says why once',
	async (t) => {
		// A session keyring nobody may write to: the kernel keyring is there but unusable.
		const result = await child(
			'none',
			'exec keyctl session - bash -c "keyctl setperm @s 0 && exec $NODE" 2>/dev/null',
		);
		t.is(result.kind, 'none');
		t.true('missing' in result.offer);
		if ('missing' in result.offer) {
			t.regex(
				result.offer.missing,
				/^No keyring here \(keytar and Secret Service: no D-Bus session/u,
			);
			t.regex(result.offer.missing, /kernel keyring: no session keyring for this login/u);
			t.regex(result.offer.missing, /asks for it again when the sign-in token expires\.$/u);
		}
		t.false(result.stored);
		t.false(result.signedInFromKeyring, 'without a keyring the next start asks again');
	},
);
