import test from 'ava';
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {MultiChoice} from '../../source/ui/components/multi-choice/multi-choice.js';
import {KeyDispatcher} from '../../source/ui/hooks/use-keys.js';
import {until} from './render-with-session.js';

const items = ['HUS', 'HUNT', 'FIMM'].map((value) => ({label: value, value}));
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
	stdin.write(' ');
	await until(() => /\[x\] HUS/u.test(lastFrame() ?? ''));
	t.regex(lastFrame() ?? '', /\[x\] HUS/u);
	stdin.write('\r');
	await until(() => done.length > 0);
	t.deepEqual(done, [['HUS']]);
});

test('down, space and enter typed in one chunk select the second biobank', async (t) => {
	const done: string[][] = [];
	const {stdin} = render(<Harness onDone={(selected) => done.push(selected)} />);
	stdin.write('\u001B[B \r');
	await until(() => done.length > 0);
	t.deepEqual(done, [['HUNT']]);
});

test('a selects all, in catalogue order', async (t) => {
	const done: string[][] = [];
	const {stdin, lastFrame} = render(<Harness onDone={(selected) => done.push(selected)} />);
	stdin.write('a');
	await until(() => /\[x\] FIMM/u.test(lastFrame() ?? ''));
	stdin.write('\r');
	await until(() => done.length > 0);
	t.deepEqual(done, [['HUS', 'HUNT', 'FIMM']]);
});
