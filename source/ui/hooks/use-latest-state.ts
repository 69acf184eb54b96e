import {useCallback, useRef, useState} from 'react';

/**
 * State that key handlers can read back at once: Ink runs every key of a chunk ("name⏎" typed
 * fast) before React re-renders, so a handler reading render-time state would see stale values.
 */
export function useLatestState<Value>(
	initial: Value | (() => Value),
): [Value, (next: Value | ((current: Value) => Value)) => void, () => Value] {
	const [value, setValue] = useState(initial);
	const ref = useRef(value);
	const set = useCallback((next: Value | ((current: Value) => Value)) => {
		ref.current =
			typeof next === 'function' ? (next as (current: Value) => Value)(ref.current) : next;
		setValue(ref.current);
	}, []);
	const read = useCallback(() => ref.current, []);
	return [value, set, read];
}
