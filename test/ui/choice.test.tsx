import test from 'ava';
import {render} from 'ink-testing-library';
import {Choice} from '../../source/ui/components/choice/choice.js';
import {KeyDispatcher} from '../../source/ui/hooks/use-keys.js';
import {frameMatching, until} from './render-with-session.js';

const items = ['alpha', 'beta', 'gamma', 'delta'].map((label) => ({label, value: label}));
const down = '\u001B[B';

function renderChoice(onChoose: (value: string) => void, limit?: number) {
	return render(
		<KeyDispatcher>
			<Choice items={items} limit={limit} onChoose={onChoose} />
		</KeyDispatcher>,
	);
}

test('the first item is highlighted at start', (t) => {
	const {lastFrame, unmount} = renderChoice(() => undefined);
	t.teardown(unmount);
	t.is(lastFrame(), '❯ alpha\n  beta\n  gamma\n  delta');
});

test('down then enter in one chunk chooses the second item, not the first', async (t) => {
	const chosen: string[] = [];
	const {stdin, unmount} = renderChoice((value) => chosen.push(value));
	t.teardown(unmount);
	stdin.write(down + '\r');
	await until(() => chosen.length > 0);
	t.deepEqual(chosen, ['beta']);
});

test('three fast downs then enter choose the fourth item', async (t) => {
	const chosen: string[] = [];
	const {stdin, unmount} = renderChoice((value) => chosen.push(value));
	t.teardown(unmount);
	stdin.write(down + down + down + '\r');
	await until(() => chosen.length > 0);
	t.deepEqual(chosen, ['delta']);
});

test('a limit shows a window that follows the cursor', async (t) => {
	const {stdin, lastFrame, unmount} = renderChoice(() => undefined, 2);
	t.teardown(unmount);
	stdin.write('j');
	await frameMatching(lastFrame, /❯ beta/u);
	stdin.write('j');
	t.is(await frameMatching(lastFrame, /❯ gamma/u), '  beta\n❯ gamma');
});
