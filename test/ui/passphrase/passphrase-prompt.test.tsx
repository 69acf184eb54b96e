import test from 'ava';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {useEffect, useState} from 'react';
import {usePassphrase} from '../../../source/ui/components/passphrase/use-passphrase.js';
import {KeyDispatcher} from '../../../source/ui/hooks/use-keys.js';
import {frameMatching, WithFlash} from '../render-with-session.js';

/** A screen that needs the key, as the claim and the results download do: asks once, shows the outcome. */
function NeedsKey({env}: {env: NodeJS.ProcessEnv}) {
	const unlock = usePassphrase('to decrypt the inputs of 1700000000-jdoe', env);
	const [outcome, setOutcome] = useState('waiting');
	useEffect(() => {
		unlock.ask('/home/a/.config/ivjm/keys/default.sec').then(
			(secret) =>
				setOutcome(
					`unlocked with ${secret.length} characters, ${secret.reveal() === 'tr0ub4dor&3' ? 'the typed ones' : 'others'}`,
				),
			(error: Error) => setOutcome(`refused: ${error.message}`),
		);
	}, [unlock.ask]);
	return (
		<>
			{unlock.prompt}
			<Text>outcome: {outcome}</Text>
		</>
	);
}

function renderNeedsKey(env: NodeJS.ProcessEnv = {}) {
	return render(
		<KeyDispatcher>
			<WithFlash>
				<NeedsKey env={env} />
			</WithFlash>
		</KeyDispatcher>,
	);
}

test('a locked key is asked for in the screen, masked, and the typed passphrase unlocks it', async (t) => {
	const {stdin, lastFrame, unmount} = renderNeedsKey();
	t.teardown(unmount);
	const asked = await frameMatching(lastFrame, /Passphrase \(enter unlocks, esc cancels\)/u);
	t.regex(
		asked,
		/The key \/home\/a\/\.config\/ivjm\/keys\/default\.sec is locked; its passphrase is needed to decrypt the[\s│]+inputs of 1700000000-jdoe/u,
	);
	t.regex(asked, /outcome: waiting/u);
	stdin.write('tr0ub4dor&3');
	const typed = await frameMatching(lastFrame, /\*{11}/u);
	t.false(typed.includes('tr0ub4dor'), 'the passphrase is never shown');
	stdin.write('\r');
	const done = await frameMatching(lastFrame, /outcome: unlocked/u);
	t.regex(done, /unlocked with 11 characters, the typed ones/u);
	t.false(done.includes('Passphrase'), 'the prompt is gone');
	t.false(done.includes('tr0ub4dor'));
});

test('esc cancels: the use case is told "Cancelled" and nothing is unlocked', async (t) => {
	const {stdin, lastFrame, unmount} = renderNeedsKey();
	t.teardown(unmount);
	await frameMatching(lastFrame, /Passphrase/u);
	stdin.write('half');
	await frameMatching(lastFrame, /\*{4}/u);
	stdin.write('\u001B');
	const done = await frameMatching(lastFrame, /outcome: refused/u);
	t.regex(done, /refused: Cancelled: no passphrase was typed/u);
	t.false(done.includes('Passphrase'));
});

test('C4GH_PASSPHRASE, when set, is used without asking, as the reference tools do', async (t) => {
	const {lastFrame, unmount} = renderNeedsKey({C4GH_PASSPHRASE: 'tr0ub4dor&3'});
	t.teardown(unmount);
	const done = await frameMatching(lastFrame, /outcome: unlocked/u);
	t.regex(done, /the typed ones/u);
	t.false(done.includes('Passphrase'));
});
