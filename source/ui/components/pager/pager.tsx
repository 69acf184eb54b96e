import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useEffect, useState, type ReactElement} from 'react';
import type {DisplayText} from '../../../text/display-text.js';
import {commandFor, listKeys} from '../../keys.js';
import {tone} from '../../theme.js';
import {scrollTo} from './pager-state.js';
import {useKeys} from '../../hooks/use-keys.js';

/** A line is text through `source/text/` (a plain string does not compile), or an element. */
export type PagerLine = DisplayText | ReactElement;

export type PagerProps = {lines: readonly PagerLine[]; height: number; isActive?: boolean};

/** A scrolling view of many lines: ↑↓ by line, PgUp/PgDn by page, g/G to the ends. */
export function Pager({lines, height, isActive = true}: PagerProps) {
	const [offset, setOffset] = useState(0);
	const size = Math.max(1, height - 1);
	useEffect(
		() => setOffset((current) => scrollTo(current, lines.length, size)),
		[lines.length, size],
	);
	useKeys(
		(input, key) => {
			const command = commandFor(listKeys, input, key);
			const moves: Record<string, number> = {
				up: -1,
				down: 1,
				pageUp: -size,
				pageDown: size,
				first: -lines.length,
				last: lines.length,
			};
			const move = command ? moves[command] : undefined;
			if (move !== undefined) setOffset((current) => scrollTo(current + move, lines.length, size));
		},
		{isActive},
	);
	const more = lines.length > size;
	return (
		<Box flexDirection="column">
			{lines.slice(offset, offset + size).map((line, index) => (
				<Box key={offset + index}>
					{typeof line === 'string' ? <Text wrap="truncate-end">{line}</Text> : line}
				</Box>
			))}
			{more ? (
				<Text color={tone('muted')}>
					lines {offset + 1}–{Math.min(offset + size, lines.length)} of {lines.length} · ↑↓ PgUp
					PgDn to scroll
				</Text>
			) : null}
		</Box>
	);
}
