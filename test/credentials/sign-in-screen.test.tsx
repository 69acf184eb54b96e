import test from 'ava';
import {render} from 'ink-testing-library';
import {SignInScreen} from '../../source/ui/screens/sign-in/sign-in-screen.js';
import type {SignInForm, SignInRequest} from '../../source/session/sign-in-request.js';
import type {Session} from '../../source/session/session.js';
import {Forbidden, Unauthorized, Unavailable} from '../../source/storage/errors/index.js';
import {explainSignInError} from '../../source/ui/screens/sign-in/sign-in-errors.js';

const flat = (frame: string | undefined) => (frame ?? '').replaceAll(/\s+/gu, ' ');
const delay = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Waits until the last frame matches: renders land a little after the keys. */
async function frame(lastFrame: () => string | undefined, pattern: RegExp): Promise<string> {
	for (let tries = 0; tries < 100 && !pattern.test(flat(lastFrame())); tries++) await delay();
	return lastFrame() ?? '';
}

async function until(done: () => boolean): Promise<void> {
	for (let tries = 0; tries < 100 && !done(); tries++) await delay();
}
const session = {user: 'requester'} as Session;

function request(answers: Array<Error | Session>, overrides: Partial<SignInRequest> = {}) {
	const forms: SignInForm[] = [];
	const value: SignInRequest = {
		authUrl: 'https://pouta.csc.fi:5001/v3',
		username: '',
		project: 'project_2004504',
		keyring: {description: 'the kernel keyring (@napi-rs/keyring)'},
		async submit(form) {
			forms.push(form);
			const answer = answers.shift();
			if (answer instanceof Error) throw answer;
			return answer ?? session;
		},
		...overrides,
	};
	return {value, forms};
}

test('typed all at once, tab moves to the password, which is masked, and enter signs in', async (t) => {
	const {value, forms} = request([session]);
	const signedIn: Session[] = [];
	const {stdin, lastFrame} = render(
		<SignInScreen request={value} onSignedIn={(done) => signedIn.push(done)} />,
	);
	await delay();
	stdin.write('requester\tsecret-pw');
	await frame(lastFrame, /•••••••••/u);
	t.regex(lastFrame() ?? '', /User name {2}requester/u);
	t.regex(lastFrame() ?? '', /❯ Password {3}•••••••••/u);
	t.false((lastFrame() ?? '').includes('secret-pw'));
	stdin.write('\r');
	await until(() => signedIn.length > 0);
	t.deepEqual(forms, [
		{username: 'requester', password: 'secret-pw', project: 'project_2004504', remember: false},
	]);
	t.deepEqual(signedIn, [session]);
});

test('space on the remember line ticks it, and the choice goes with the sign-in', async (t) => {
	const {value, forms} = request([session], {username: 'requester'});
	const {stdin, lastFrame} = render(<SignInScreen request={value} onSignedIn={() => undefined} />);
	await delay();
	t.regex(lastFrame() ?? '', /\[ \] Remember the password in the kernel keyring/u);
	stdin.write('pw');
	stdin.write('\t\t');
	await delay();
	stdin.write(' ');
	t.regex(await frame(lastFrame, /❯ \[x\] Remember/u), /❯ \[x\] Remember/u);
	stdin.write('\r');
	await until(() => forms.length > 0);
	t.is(forms[0]?.remember, true);
});

test('a refused password is explained inline, the field emptied and focused for another try', async (t) => {
	const refused = new Unauthorized(
		'Keystone at https://pouta.csc.fi:5001/v3 refused the user name or password of requester (domain Default): check them and sign in again',
	);
	const {value, forms} = request([refused, session], {username: 'requester'});
	const signedIn: Session[] = [];
	const {stdin, lastFrame} = render(
		<SignInScreen request={value} onSignedIn={(done) => signedIn.push(done)} />,
	);
	await delay();
	stdin.write('wrong');
	stdin.write('\r');
	t.regex(
		flat(await frame(lastFrame, /refused the user name/u)),
		/✗ Keystone at .* refused the user name or password/u,
	);
	t.regex(lastFrame() ?? '', /❯ Password\s*\n/u);
	stdin.write('right');
	stdin.write('\r');
	await until(() => signedIn.length > 0);
	t.is(forms[1]?.password, 'right');
	t.deepEqual(signedIn, [session]);
});

test('without a keyring the screen says why the password will be asked again', async (t) => {
	const {value} = request([], {
		keyring: {missing: 'No keyring here (kernel keyring: no session keyring for this login).'},
		reason: 'The saved sign-in is no longer accepted: sign in again.',
	});
	const {lastFrame} = render(<SignInScreen request={value} onSignedIn={() => undefined} />);
	t.regex(await frame(lastFrame, /No keyring here/u), /No keyring here/u);
	t.notRegex(lastFrame() ?? '', /Remember the password/u);
	t.regex(lastFrame() ?? '', /✗ The saved sign-in is no longer accepted/u);
});

test('each kind of failure says what to do and points at the field to fix', (t) => {
	t.is(
		explainSignInError(
			new Unauthorized('Keystone at X accepted u but gives no access to project p'),
		).field,
		'project',
	);
	t.is(
		explainSignInError(new Forbidden('u signed in to p, but Swift refuses access')).field,
		'project',
	);
	t.regex(
		explainSignInError(new Unavailable('Cannot reach https://pouta.csc.fi:5001 (ECONNREFUSED)'))
			.message,
		/Check your network connection and the auth URL/u,
	);
	t.regex(
		explainSignInError(
			new Unavailable(
				'TLS error talking to https://x (SELF_SIGNED_CERT_IN_CHAIN): its certificate is not trusted here',
			),
		).message,
		/NODE_EXTRA_CA_CERTS/u,
	);
});
