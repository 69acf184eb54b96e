import test from 'ava';
import {render} from 'ink-testing-library';
import {Choice} from '../../source/ui/components/choice/choice.js';

const items = ['alpha', 'beta', 'gamma', 'delta'].map((label) => ({label, value: label}));
const down = '\u001B[B';
const delay = () => new Promise((resolve) => setTimeout(resolve, 20));

test('the first item is highlighted at start', (t) => {
	const {lastFrame} = render(<Choice items={items} onChoose={() => undefined} />);
	t.is(lastFrame(), '❯ alpha\n  beta\n  gamma\n  delta');
});

test('down then enter in one chunk chooses the second item, not the first', async (t) => {
	const chosen: string[] = [];
	const {stdin} = render(<Choice items={items} onChoose={(value) => chosen.push(value)} />);
	await delay();
	stdin.write(down + '\r');
	await delay();
	t.deepEqual(chosen, ['beta']);
});

test('three fast downs then enter choose the fourth item', async (t) => {
	const chosen: string[] = [];
	const {stdin} = render(<Choice items={items} onChoose={(value) => chosen.push(value)} />);
	await delay();
	stdin.write(down + down + down + '\r');
	await delay();
	t.deepEqual(chosen, ['delta']);
});

test('a limit shows a window that follows the cursor', async (t) => {
	const {stdin, lastFrame} = render(<Choice items={items} limit={2} onChoose={() => undefined} />);
	await delay();
	stdin.write('j');
	await delay();
	stdin.write('j');
	await delay();
	t.is(lastFrame(), '  beta\n❯ gamma');
});
