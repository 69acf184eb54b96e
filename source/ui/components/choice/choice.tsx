import {Box} from 'ink';
import {Indicator, Item} from 'ink-select-input';
import {useChoice} from './use-choice.js';

export type ChoiceItem<Value> = {label: string; value: Value};

export type ChoiceProps<Value> = {
	items: ReadonlyArray<ChoiceItem<Value>>;
	onChoose: (value: Value) => void;
	/** Rows shown at once; longer lists scroll. */
	limit?: number;
	isActive?: boolean;
	/** The value the cursor starts on (the answer given before, when coming back). */
	initial?: Value;
};

/** A single-choice list. Rows are drawn with ink-select-input's parts; keys are ours. */
export function Choice<Value>({
	items,
	onChoose,
	limit = 10,
	isActive = true,
	initial,
}: ChoiceProps<Value>) {
	const windowSize = Math.min(limit, items.length);
	const {cursor, offset} = useChoice({
		initial: Math.max(
			0,
			items.findIndex((item) => item.value === initial),
		),
		count: items.length,
		windowSize,
		isActive,
		onOpen: (index) => {
			const item = items[index];
			if (item) onChoose(item.value);
		},
	});
	return (
		<Box flexDirection="column">
			{items.slice(offset, offset + windowSize).map((item, index) => {
				const isSelected = offset + index === cursor;
				return (
					<Box key={item.label}>
						<Indicator isSelected={isSelected} />
						<Item label={item.label} isSelected={isSelected} />
					</Box>
				);
			})}
		</Box>
	);
}
