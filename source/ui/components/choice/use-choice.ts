import {useCallback, useEffect, useRef, useState} from 'react';
import {commandFor, listKeys} from '../../keys.js';
import {clampChoice, initialChoiceState, moveChoice, type ChoiceState} from './choice-state.js';
import type {Key} from 'ink';
import {useKeys} from '../../hooks/use-keys.js';

export type UseChoiceOptions = {
	count: number;
	windowSize: number;
	isActive?: boolean;
	onOpen?: (index: number) => void;
	onMove?: (index: number) => void;
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
}: UseChoiceOptions): ChoiceHandle {
	const stateRef = useRef<ChoiceState>(initialChoiceState);
	const [state, setState] = useState<ChoiceState>(initialChoiceState);

	useEffect(() => {
		const clamped = clampChoice(stateRef.current, count, windowSize);
		if (clamped.cursor !== stateRef.current.cursor || clamped.offset !== stateRef.current.offset) {
			stateRef.current = clamped;
			setState(clamped);
		}
	}, [count, windowSize]);

	const handle = useCallback(
		(input: string, key: Key) => {
			const command = commandFor(listKeys, input, key);
			if (command === undefined) return;
			if (command === 'open') {
				if (count > 0) onOpen?.(stateRef.current.cursor);
				return;
			}
			const next = moveChoice(stateRef.current, command, count, windowSize);
			if (next.cursor !== stateRef.current.cursor) onMove?.(next.cursor);
			stateRef.current = next;
			setState(next);
		},
		[count, windowSize, onOpen, onMove],
	);

	useKeys(handle, {isActive});
	const currentCursor = useCallback(() => stateRef.current.cursor, []);
	return {...state, currentCursor};
}
