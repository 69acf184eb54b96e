import {Box} from 'ink';
import {useEffect, useState} from 'react';
import type {LoadedRules} from '../../../jobs/analyst/review/review-policy.js';
import type {Preview, PreviewCell} from '../../../review/preview.js';
import {Text} from '../../../text/screen-text.js';
import {useSession} from '../../session.js';
import {tone} from '../../theme.js';

export type FilePreviewProps = {
	jobFolder: string;
	/** The file, relative to the job folder. */
	file: string;
	rules: LoadedRules;
	/** Rows of the file shown (the header aside). */
	rows: number;
};

type Loaded = {file: string; preview?: Preview; error?: string};

/**
 * The first rows of an outgoing file, read from the job folder as the reviewer decides on it.
 * The preview marks the cells the scan flags (a whole identifier column, a small count); here
 * a flagged cell is in [brackets] and inverse, red when it blocks, yellow for a warning, so the
 * mark survives NO_COLOR and a plain screen capture. Each row is cut at the screen's edge.
 */
export function FilePreview({jobFolder, file, rules, rows}: FilePreviewProps) {
	const session = useSession();
	const [loaded, setLoaded] = useState<Loaded | undefined>();
	useEffect(() => {
		let current = true;
		session.analyst.preview(jobFolder, file, rules, {rows}).then(
			(preview) => current && setLoaded({file, preview}),
			(error: unknown) =>
				current && setLoaded({file, error: error instanceof Error ? error.message : String(error)}),
		);
		return () => {
			current = false;
		};
	}, [session, jobFolder, file, rules, rows]);

	if (loaded?.file !== file) return <Text color={tone('muted')}>Reading {file}…</Text>;
	if (loaded.error !== undefined)
		return <Text color={tone('bad')}>No preview: {loaded.error}</Text>;
	const preview = loaded.preview;
	switch (preview?.kind) {
		case 'table': {
			const all = [...(preview.header ? [preview.header] : []), ...preview.rows];
			const widths: number[] = [];
			for (const row of all)
				for (const [index, cell] of row.cells.entries())
					widths[index] = Math.max(widths[index] ?? 0, cellWidth(cell));
			return (
				<Box flexDirection="column">
					{all.map((row, index) => (
						<Text
							key={row.line}
							wrap="truncate-end"
							bold={index === 0 && preview.header !== undefined}
						>
							<Text color={tone('muted')}>{String(row.line).padStart(5)} </Text>
							{row.cells.map((cell, column) => (
								<Cell key={column} cell={cell} width={widths[column] ?? 0} />
							))}
						</Text>
					))}
					{preview.more ? <Text color={tone('muted')}>{'      '}…</Text> : null}
				</Box>
			);
		}
		case 'text': {
			return (
				<Box flexDirection="column">
					{preview.lines.map((line) => (
						<Text key={line.line} wrap="truncate-end">
							<Text color={tone('muted')}>{String(line.line).padStart(5)} </Text>
							{line.text}
						</Text>
					))}
					{preview.more ? <Text color={tone('muted')}>{'      '}…</Text> : null}
				</Box>
			);
		}
		case 'binary': {
			return <Text color={tone('muted')}>binary: {preview.description} (not shown)</Text>;
		}
		case 'archive': {
			return (
				<Text wrap="truncate-end" color={tone('muted')}>
					archive of {preview.members.length}: {preview.members.join(', ')}
				</Text>
			);
		}
		default: {
			return <Text color={tone('muted')}>empty</Text>;
		}
	}
}

const cellWidth = (cell: PreviewCell) => [...cell.text].length + (cell.mark ? 2 : 0);

function Cell({cell, width}: {cell: PreviewCell; width: number}) {
	const pad = ' '.repeat(Math.max(0, width - cellWidth(cell)) + 1);
	if (!cell.mark) return <Text>{`${cell.text}${pad}`}</Text>;
	return (
		<Text>
			<Text inverse color={tone(cell.mark === 'blocking' ? 'bad' : 'warning')}>
				[{cell.text}]
			</Text>
			{pad}
		</Text>
	);
}
