import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import type {ReactElement} from 'react';
import type {DisplayText} from '../../../text/display-text.js';
import {tone} from '../../theme.js';

export type Column<Row> = {
	title: string;
	width: number;
	align?: 'left' | 'right';
	/** Text through `source/text/` (a plain string does not compile), or an element. */
	cell: (row: Row) => DisplayText | ReactElement;
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

/**
 * A windowed table: only the rows in view are rendered, so 10,000 jobs cost what 20 do.
 * The cursor row is shown inverse and with a marker, not by colour alone.
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
			<Box>
				<Box width={2} />
				{columns.map((column) => (
					<Box
						key={column.title}
						width={column.width}
						marginRight={1}
						justifyContent={column.align === 'right' ? 'flex-end' : 'flex-start'}
					>
						<Text bold wrap="truncate">
							{column.title}
						</Text>
					</Box>
				))}
			</Box>
			{visible.length === 0 ? <Text color={tone('muted')}> {emptyText}</Text> : null}
			{visible.map((row, index) => {
				const selected = offset + index === cursor;
				return (
					<Box key={rowKey(row)}>
						<Text inverse={selected}>
							{selected ? '❯' : ' '}
							{marked?.(row) ? (
								<Text bold color={tone('accent')}>
									*
								</Text>
							) : (
								' '
							)}
						</Text>
						{columns.map((column) => (
							<Box
								key={column.title}
								width={column.width}
								marginRight={1}
								justifyContent={column.align === 'right' ? 'flex-end' : 'flex-start'}
							>
								<Text inverse={selected} wrap="truncate">
									{column.cell(row)}
								</Text>
							</Box>
						))}
					</Box>
				);
			})}
			{rows.length > windowSize ? (
				<Text color={tone('muted')}>
					{offset + 1}–{Math.min(offset + windowSize, rows.length)} of {rows.length}
				</Text>
			) : null}
		</Box>
	);
}
