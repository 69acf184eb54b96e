import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useRef} from 'react';
import {tone} from '../../theme.js';
import {useChoice} from '../choice/use-choice.js';
import {useKeys} from '../../hooks/use-keys.js';

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
		onOpen: () => onDone([...current.current]),
	});
	useKeys(
		(input) => {
			const item = items[currentCursor()];
			let next: string[] | undefined;
			if (input === ' ' && item) {
				next = current.current.includes(item.value)
					? current.current.filter((value) => value !== item.value)
					: [...current.current, item.value];
			}
			if (input === 'a')
				next =
					current.current.length === items.length ? [] : items.map((candidate) => candidate.value);
			if (next) {
				const ordered = items
					.map((candidate) => candidate.value)
					.filter((value) => next.includes(value));
				current.current = ordered;
				onChange(ordered);
			}
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
			<Text color={tone('muted')}>space toggles · a all · enter done</Text>
		</Box>
	);
}
