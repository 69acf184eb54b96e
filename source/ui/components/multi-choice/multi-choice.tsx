import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useRef} from 'react';
import {tone} from '../../theme.js';
import {useChoice} from '../choice/use-choice.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {listKeys, type KeyBinding, type ListCommand} from '../../keys.js';

const doneKeys: ReadonlyArray<KeyBinding<ListCommand>> = listKeys.map((binding) =>
	binding.command === 'open' ? {...binding, description: 'done choosing', hint: 'done'} : binding,
);

const toggleKeys: ReadonlyArray<KeyBinding<'toggle' | 'all'>> = [
	{
		command: 'toggle',
		keys: [{text: ' '}],
		label: 'space',
		description: 'choose or leave out',
		hint: 'toggle',
	},
	{
		command: 'all',
		keys: [{text: 'a'}],
		label: 'a',
		description: 'choose all, or none',
		hint: 'all',
	},
];

export type MultiChoiceProps = {
	items: ReadonlyArray<{label: string; value: string}>;
	selected: readonly string[];
	onChange: (selected: string[]) => void;
	/** enter: done choosing. */
	onDone: (selected: string[]) => void;
	isActive?: boolean;
};

/** Several choices from a list: space toggles, `a` toggles all, enter is done. */
export function MultiChoice({
	items,
	selected,
	onChange,
	onDone,
	isActive = true,
}: MultiChoiceProps) {
	// The selection lives in a ref too: a fast "space, enter" chunk must submit the new selection.
	const current = useRef(selected);
	current.current = selected;
	const {cursor, currentCursor} = useChoice({
		count: items.length,
		windowSize: items.length,
		isActive,
		bindings: doneKeys,
		onOpen: () => onDone([...current.current]),
	});
	const set = (next: string[]) => {
		const ordered = items
			.map((candidate) => candidate.value)
			.filter((value) => next.includes(value));
		current.current = ordered;
		onChange(ordered);
	};
	useKeymap(
		toggleKeys,
		(command) => {
			const item = items[currentCursor()];
			if (command === 'toggle' && item) {
				set(
					current.current.includes(item.value)
						? current.current.filter((value) => value !== item.value)
						: [...current.current, item.value],
				);
			}
			if (command === 'all')
				set(
					current.current.length === items.length ? [] : items.map((candidate) => candidate.value),
				);
		},
		{isActive},
	);
	return (
		<Box flexDirection="column">
			{items.map((item, index) => {
				const on = selected.includes(item.value);
				return (
					<Text key={item.value} inverse={index === cursor}>
						{index === cursor ? '❯ ' : '  '}
						<Text color={on ? tone('good') : undefined}>{on ? '[x]' : '[ ]'}</Text> {item.label}
					</Text>
				);
			})}
		</Box>
	);
}
