import test from 'ava';
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {MultiChoice} from '../../source/ui/components/multi-choice/multi-choice.js';
import {KeyDispatcher} from '../../source/ui/hooks/use-keys.js';

const items = ['HUS', 'HUNT', 'FIMM'].map((value) => ({label: value, value}));
const delay = () => new Promise((resolve) => setTimeout(resolve, 30));

function Harness({onDone}: {onDone: (selected: string[]) => void}) {
	const [selected, setSelected] = useState<string[]>([]);
	return (
		<KeyDispatcher>
			<MultiChoice items={items} selected={selected} onChange={setSelected} onDone={onDone} />
		</KeyDispatcher>
	);
}

test('space toggles the biobank under the cursor and enter hands over the selection', async (t) => {
	const done: string[][] = [];
	const {stdin, lastFrame} = render(<Harness onDone={(selected) => done.push(selected)} />);
	await delay();
	stdin.write(' ');
	await delay();
	t.regex(lastFrame() ?? '', /\[x\] HUS/u);
	stdin.write('\r');
	await delay();
	t.deepEqual(done, [['HUS']]);
});

test('down, space and enter typed in one chunk select the second biobank', async (t) => {
	const done: string[][] = [];
	const {stdin} = render(<Harness onDone={(selected) => done.push(selected)} />);
	await delay();
	stdin.write('\u001B[B \r');
	await delay();
	t.deepEqual(done, [['HUNT']]);
});

test('a selects all, in catalogue order', async (t) => {
	const done: string[][] = [];
	const {stdin} = render(<Harness onDone={(selected) => done.push(selected)} />);
	await delay();
	stdin.write('a');
	await delay();
	stdin.write('\r');
	await delay();
	t.deepEqual(done, [['HUS', 'HUNT', 'FIMM']]);
});
