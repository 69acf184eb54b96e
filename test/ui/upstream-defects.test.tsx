/**
 * The defects of the prescribed Ink input packages that made us wrap or replace them (readme:
 * "Why some of the prescribed packages are wrapped or replaced"). If one of these starts to
 * fail, upstream fixed it and our workaround can be reconsidered.
 */
import test from 'ava';
import {render} from 'ink-testing-library';
import SelectInput from 'ink-select-input';
import TextInput from 'ink-text-input';
import {useState} from 'react';

const delay = () => new Promise((resolve) => setTimeout(resolve, 30));

test('ink-select-input 6.2.0 opens the old row when down and enter arrive together', async (t) => {
	const chosen: string[] = [];
	const items = ['alpha', 'beta'].map((label) => ({label, value: label}));
	const {stdin} = render(
		<SelectInput items={items} onSelect={(item) => chosen.push(item.value)} />,
	);
	await delay();
	stdin.write('\u001B[B\r');
	await delay();
	t.deepEqual(chosen, ['alpha']);
});

function Field({onValue}: {onValue: (value: string) => void}) {
	const [value, setValue] = useState('abcdef');
	return (
		<TextInput
			value={value}
			onChange={(next) => {
				onValue(next);
				setValue(next);
			}}
		/>
	);
}

test('ink-text-input 6.0.0 takes backspaces that arrive together as text (a held key, fast typing)', async (t) => {
	const values: string[] = [];
	const {stdin} = render(<Field onValue={(value) => values.push(value)} />);
	await delay();
	stdin.write('\u007F\u007F\u007F');
	await delay();
	t.deepEqual(values, ['abcdef\u007F\u007F\u007F']);
});
