import {useCallback, useState} from 'react';

/**
 * Things components hold for a while (a key capture, a running transfer): each claim comes with
 * its own release, so a component that lets go cannot release another's, and releasing twice
 * does nothing.
 */
export function useClaims<Item>(): [readonly Item[], (item: Item) => () => void] {
	const [items, setItems] = useState<readonly Item[]>([]);
	const claim = useCallback((item: Item) => {
		setItems((current) => [...current, item]);
		let held = true;
		return () => {
			if (held) setItems((current) => withoutOne(current, item));
			held = false;
		};
	}, []);
	return [items, claim];
}

/** `list` without one occurrence of `item` (two holders may claim the same thing). */
function withoutOne<Item>(list: readonly Item[], item: Item): readonly Item[] {
	const index = list.indexOf(item);
	return index === -1 ? list : [...list.slice(0, index), ...list.slice(index + 1)];
}
