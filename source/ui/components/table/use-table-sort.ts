import {useMemo, useState} from 'react';
import type {KeyBinding} from '../../keys.js';

/** One order of a table: its name in the header, and how it compares (none: as loaded). */
export type SortOrder<Row> = {name: string; compare?: (a: Row, b: Row) => number};

export type TableSort<Row> = {
	/** The order's name, for the header ("newest first", "by state", "by name"). */
	order: string;
	sorted: readonly Row[];
	bindings: ReadonlyArray<KeyBinding<'sort'>>;
	next: () => void;
};

/**
 * `s` cycles a table through its orders. The sort is stable, so rows that compare equal keep
 * the loaded order (newest first), and the cursor stays on its job (useChoice follows row keys).
 * `orders` must be a constant: the sorted rows are memoised on it.
 */
export function useTableSort<Row>(
	rows: readonly Row[],
	orders: ReadonlyArray<SortOrder<Row>>,
): TableSort<Row> {
	const [index, setIndex] = useState(0);
	const order = orders[index % orders.length]!;
	const sorted = useMemo(
		() => (order.compare ? [...rows].sort(order.compare) : rows),
		[rows, order],
	);
	return {
		order: order.name,
		sorted,
		bindings: [
			{
				command: 'sort',
				keys: [{text: 's'}],
				label: 's',
				description: `next order (${orders.map((candidate) => candidate.name).join(', ')})`,
				hint: 'sort',
			},
		],
		next: () => setIndex((current) => (current + 1) % orders.length),
	};
}
