import {Box} from 'ink';
import {Text} from '../../text/screen-text.js';
import {useKeyCapture} from '../key-capture.js';
import {tone} from '../theme.js';
import {TextField} from './text-field/text-field.js';
import {useKeys} from '../hooks/use-keys.js';

export type FilterLineProps = {
	value: string;
	editing: boolean;
	onChange: (value: string) => void;
	/** enter keeps the filter, esc clears it; both end editing. */
	onDone: (value: string) => void;
};

/** The `/` filter under a table: typed into while editing, shown as a reminder otherwise. */
export function FilterLine({value, editing, onChange, onDone}: FilterLineProps) {
	useKeyCapture(editing);
	useKeys(
		(_input, key) => {
			if (key.escape) onDone('');
		},
		{isActive: editing},
	);
	if (!editing && value === '') return null;
	return (
		<Box>
			<Text color={tone('accent')}>/</Text>
			{editing ? (
				<TextField
					value={value}
					onChange={onChange}
					onSubmit={onDone}
					placeholder="type to filter, enter to keep, esc to clear"
				/>
			) : (
				<Text>
					{value} <Text color={tone('muted')}>(/ to change)</Text>
				</Text>
			)}
		</Box>
	);
}
