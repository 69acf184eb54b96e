import {useCallback, useLayoutEffect, useRef, useState} from 'react';
import {useKeymap} from '../../hooks/use-keymap.js';
import {listKeys, type KeyBinding, type ListCommand} from '../../keys.js';
import {clampChoice, followRow, moveChoice, type ChoiceState} from './choice-state.js';

export type UseChoiceOptions = {
	count: number;
	windowSize: number;
	isActive?: boolean;
	onOpen?: (index: number) => void;
	onMove?: (index: number) => void;
	/**
	 * Each row's key (a job id), memoised by the caller: when the rows change (a refresh added
	 * jobs above, a filter was edited), the cursor stays on the row it was on.
	 */
	rowKeys?: readonly string[];
	/** The list's keys, when they differ from the standard ones (another word for open). */
	bindings?: ReadonlyArray<KeyBinding<ListCommand>>;
	/** The row the cursor starts on (an answer given before). */
	initial?: number;
};

/**
 * List navigation with the cursor kept in a ref: Ink hands a multi-key chunk ("↓" then enter,
 * typed fast or pasted) to the handler before React re-renders, so state read from the render
 * would open the old row (the bug of ink-select-input 6.2.0).
 */
export type ChoiceHandle = ChoiceState & {
	/** The cursor as of the last key, even before React re-rendered: read it in key handlers. */
	currentCursor: () => number;
};

export function useChoice({
	count,
	windowSize,
	isActive = true,
	onOpen,
	onMove,
	rowKeys,
	bindings = listKeys,
	initial = 0,
}: UseChoiceOptions): ChoiceHandle {
	const start = clampChoice({cursor: initial, offset: 0}, count, windowSize);
	const stateRef = useRef<ChoiceState>(start);
	const [state, setState] = useState<ChoiceState>(start);
	const keyRef = useRef<string | undefined>(undefined);
	const set = (next: ChoiceState) => {
		stateRef.current = next;
		keyRef.current = rowKeys?.[next.cursor];
		setState(next);
	};

	useLayoutEffect(() => {
		const current = stateRef.current;
		const next = rowKeys
			? followRow(current, rowKeys, keyRef.current, windowSize)
			: clampChoice(current, count, windowSize);
		if (next.cursor !== current.cursor || next.offset !== current.offset) set(next);
		else keyRef.current = rowKeys?.[next.cursor];
	}, [count, windowSize, rowKeys]);

	useKeymap(
		bindings,
		(command) => {
			if (command === 'open') {
				if (count > 0) onOpen?.(stateRef.current.cursor);
				return;
			}
			const next = moveChoice(stateRef.current, command, count, windowSize);
			if (next.cursor !== stateRef.current.cursor) onMove?.(next.cursor);
			set(next);
		},
		{isActive, title: 'list'},
	);
	const currentCursor = useCallback(() => stateRef.current.cursor, []);
	return {...state, currentCursor};
}
