import {useMemo, useRef, useState} from 'react';
import type {KeyBinding} from '../../keys.js';
import type {FilterLineProps} from '../filter-line.js';

export type TableFilters<Row, Quick extends string> = {
	quick: Quick;
	text: string;
	/** The `/` filter is being typed. */
	editing: boolean;
	/** The rows that pass both filters, in order. */
	shown: Row[];
	/** The table's own keys for its filters: `/` and tab. */
	bindings: ReadonlyArray<KeyBinding<TableFilterCommand>>;
	/**
	 * esc while a filter is applied (it clears it before it goes back): put first, where the
	 * footer shows it whatever else it has to leave out.
	 */
	clear: ReadonlyArray<KeyBinding<TableFilterCommand>>;
	run: (command: TableFilterCommand) => void;
	filterLine: FilterLineProps;
};

export type TableFilterCommand = 'filter' | 'quickFilter' | 'clearFilter';

const filterKeys: ReadonlyArray<KeyBinding<TableFilterCommand>> = [
	{
		command: 'filter',
		keys: [{text: '/'}],
		label: '/',
		description: 'filter by any text',
		hint: 'filter',
	},
];

/**
 * The quick filters (`tab`) and the `/` text filter of a job table. While one is applied, esc
 * clears both, and only the next esc goes back: a filter is never lost by leaving.
 */
export function useTableFilters<Row, Quick extends string>(
	rows: readonly Row[],
	quickFilters: readonly Quick[],
	quickHelp: string,
	matches: (rows: readonly Row[], quick: Quick, text: string) => Row[],
): TableFilters<Row, Quick> {
	const [quick, setQuick] = useState<Quick>(quickFilters[0]!);
	const [text, setText] = useState('');
	const [editing, setEditing] = useState(false);
	type Found = {
		matches: typeof matches;
		rows: readonly Row[];
		quick: Quick;
		text: string;
		shown: Row[];
	};
	const last = useRef<Found | undefined>(undefined);
	const shown = useMemo(() => {
		// Typing on: what matches the longer text is among what matched the shorter one.
		const before = last.current;
		const narrowing =
			before?.matches === matches &&
			before.rows === rows &&
			before.quick === quick &&
			text.startsWith(before.text);
		const found = matches(narrowing ? before.shown : rows, quick, text);
		last.current = {matches, rows, quick, text, shown: found};
		return found;
	}, [matches, rows, quick, text]);
	const applied = text !== '' || quick !== quickFilters[0];
	const bindings: Array<KeyBinding<TableFilterCommand>> = [
		...filterKeys,
		{
			command: 'quickFilter',
			keys: [{name: 'tab'}],
			label: 'tab',
			description: `next quick filter (${quickFilters.join(', ')})${quickHelp}`,
			hint: 'view',
		},
	];
	const clear: Array<KeyBinding<TableFilterCommand>> = applied
		? [
				{
					command: 'clearFilter',
					keys: [{name: 'escape'}],
					label: 'esc',
					description: 'clear the filter (the next esc goes back)',
					hint: 'clear filter',
				},
			]
		: [];
	return {
		quick,
		text,
		editing,
		shown,
		bindings,
		clear,
		run: (command) => {
			if (command === 'filter') setEditing(true);
			if (command === 'quickFilter')
				setQuick(
					(current) => quickFilters[(quickFilters.indexOf(current) + 1) % quickFilters.length]!,
				);
			if (command === 'clearFilter') {
				setText('');
				setQuick(quickFilters[0]!);
			}
		},
		filterLine: {
			value: text,
			editing,
			onChange: setText,
			onDone: (value) => {
				setText(value);
				setEditing(false);
			},
		},
	};
}
