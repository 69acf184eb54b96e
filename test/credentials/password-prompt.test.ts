import test from 'ava';
import {PasswordPrompt, type PasswordRequest} from '../../source/credentials/password-prompt.js';
import {Secret} from '../../source/credentials/secret.js';

test('with no one listening (no TUI drawn yet), the answer is undefined at once', async (t) => {
	t.is(await new PasswordPrompt().ask('jdoe', 'project_2004504'), undefined);
});

test('the listener gets one request; renewals asking meanwhile share its answer', async (t) => {
	const prompt = new PasswordPrompt();
	const shown: Array<PasswordRequest | undefined> = [];
	prompt.listen((request) => shown.push(request));
	const first = prompt.ask('jdoe', 'project_2004504');
	const second = prompt.ask('jdoe', 'project_2004504');
	t.is(shown.length, 1);
	t.like(shown[0], {username: 'jdoe', project: 'project_2004504'});
	shown[0]!.answer(new Secret('typed'));
	t.is((await first)?.reveal(), 'typed');
	t.is((await second)?.reveal(), 'typed');
	t.is(shown.at(-1), undefined, 'the request is withdrawn once answered');
	const third = prompt.ask('jdoe', 'project_2004504');
	t.is(shown.length, 3, 'a later expiry asks again');
	shown[2]!.answer(undefined);
	t.is(await third, undefined);
});

test('a listener that stopped listening is not asked', async (t) => {
	const prompt = new PasswordPrompt();
	const stop = prompt.listen(() => t.fail('asked after it stopped'));
	stop();
	t.is(await prompt.ask('jdoe', 'p'), undefined);
});

test('a listener may answer at once; the next expiry still asks again, and a second answer is ignored', async (t) => {
	const prompt = new PasswordPrompt();
	let asked = 0;
	prompt.listen((request) => {
		if (!request) return;
		asked++;
		request.answer(new Secret(`answer ${asked}`));
		request.answer(new Secret('ignored'));
	});
	t.is((await prompt.ask('jdoe', 'p'))?.reveal(), 'answer 1');
	t.is((await prompt.ask('jdoe', 'p'))?.reveal(), 'answer 2');
});
