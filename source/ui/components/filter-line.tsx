import {Box} from 'ink';
import {Text} from '../../text/screen-text.js';
import {useRef} from 'react';
import {useKeymap} from '../hooks/use-keymap.js';
import {KeyLayer} from '../hooks/use-keys.js';
import type {KeyBinding} from '../keys.js';
import {tone} from '../theme.js';
import {TextField} from './text-field/text-field.js';

export type FilterLineProps = {
	value: string;
	editing: boolean;
	onChange: (value: string) => void;
	/** enter keeps the filter, esc clears it; both end editing. */
	onDone: (value: string) => void;
};

const editKeys: ReadonlyArray<KeyBinding<'keep' | 'clear'>> = [
	{
		command: 'keep',
		keys: [{name: 'enter'}],
		label: 'enter',
		description: 'keep the filter',
		hint: 'keep',
	},
	{
		command: 'clear',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: 'clear the filter',
		hint: 'clear',
	},
];

/** The `/` filter under a table: typed into while editing, shown as a reminder otherwise. */
export function FilterLine(props: FilterLineProps) {
	if (!props.editing && props.value === '') return null;
	return (
		<Box>
			<Text color={tone('accent')}>/</Text>
			{props.editing ? (
				<KeyLayer>
					<EditFilter {...props} />
				</KeyLayer>
			) : (
				<Text>
					{props.value} <Text color={tone('muted')}>(/ to change, esc to clear)</Text>
				</Text>
			)}
		</Box>
	);
}

function EditFilter({value, onChange, onDone}: FilterLineProps) {
	// What was typed, as of the last key: enter may come in the same chunk as the text.
	const typed = useRef(value);
	useKeymap(editKeys, (command) => onDone(command === 'keep' ? typed.current : ''), {
		modal: true,
		typing: true,
		title: 'filter',
	});
	return (
		<TextField
			value={value}
			onChange={(next) => {
				typed.current = next;
				onChange(next);
			}}
			placeholder="type to filter, enter to keep, esc to clear"
		/>
	);
}
