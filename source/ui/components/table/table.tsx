import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {memo, type ReactElement} from 'react';
import type {DisplayText} from '../../../text/display-text.js';
import {tone, type Tone} from '../../theme.js';
import {fitCell} from './fit-cell.js';

/** A cell's text through `source/text/` (a plain string does not compile), with a tone or not. */
export type Cell = DisplayText | {text: DisplayText; tone: Tone};

export type Column<Row> = {
	title: string;
	width: number;
	align?: 'left' | 'right';
	cell: (row: Row) => Cell;
};

export type TableProps<Row> = {
	columns: ReadonlyArray<Column<Row>>;
	rows: readonly Row[];
	rowKey: (row: Row) => string;
	cursor: number;
	offset: number;
	windowSize: number;
	emptyText?: string;
	/** Rows marked beside the cursor with `*` (changed since last looked at), readable without colour. */
	marked?: (row: Row) => boolean;
};

/** A cell with a tone: the status glyphs and words. */
export const toned = (text: DisplayText, name: Tone): Cell => ({text, tone: name});

/**
 * A windowed table: only the rows in view are rendered, so 10,000 jobs cost what 20 do. Each
 * row is one line of text with its cells fitted here, not a box per cell: Ink lays out and
 * draws every node on every frame, and a box per cell made a 30-row table about 900 nodes.
 * Rows are memoised, so a cursor move re-renders the two rows it changes. The cursor row is
 * shown inverse and with a marker, not by colour alone.
 */
export function Table<Row>({
	columns,
	rows,
	rowKey,
	cursor,
	offset,
	windowSize,
	emptyText = 'Nothing here.',
	marked,
}: TableProps<Row>) {
	const visible = rows.slice(offset, offset + windowSize);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">
				{'  '}
				{columns.map((column) => fitCell(column.title, column.width, column.align) + ' ').join('')}
			</Text>
			{visible.length === 0 ? <Text color={tone('muted')}> {emptyText}</Text> : null}
			{visible.map((row, index) => (
				<TableRow
					key={rowKey(row)}
					row={row}
					columns={columns as ReadonlyArray<Column<unknown>>}
					selected={offset + index === cursor}
					marked={marked?.(row) ?? false}
				/>
			))}
			{rows.length > windowSize ? (
				<Text color={tone('muted')}>
					{offset + 1}–{Math.min(offset + windowSize, rows.length)} of {rows.length}
				</Text>
			) : null}
		</Box>
	);
}

type RowProps = {
	row: unknown;
	columns: ReadonlyArray<Column<unknown>>;
	selected: boolean;
	marked: boolean;
};

const TableRow = memo(function TableRow({row, columns, selected, marked}: RowProps): ReactElement {
	return (
		<Text inverse={selected} wrap="truncate">
			{selected ? '❯' : ' '}
			{marked ? (
				<Text bold color={tone('accent')}>
					*
				</Text>
			) : (
				' '
			)}
			{columns.map((column) => {
				const cell = column.cell(row);
				const text = typeof cell === 'string' ? cell : cell.text;
				const fitted = fitCell(text, column.width, column.align) + ' ';
				return typeof cell === 'string' ? (
					fitted
				) : (
					<Text key={column.title} color={tone(cell.tone)}>
						{fitted}
					</Text>
				);
			})}
		</Text>
	);
});
