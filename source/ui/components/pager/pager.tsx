import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useEffect, useState, type ReactElement} from 'react';
import type {DisplayText} from '../../../text/display-text.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {listKeys, type KeyBinding, type ListCommand} from '../../keys.js';
import {tone} from '../../theme.js';
import {scrollTo} from './pager-state.js';

/** A line is text through `source/text/` (a plain string does not compile), or an element. */
export type PagerLine = DisplayText | ReactElement;

export type PagerProps = {lines: readonly PagerLine[]; height: number; isActive?: boolean};

type ScrollCommand = Exclude<ListCommand, 'open'>;

/** The list keys, as scrolling: ↑↓ by line, PgUp/PgDn by page, g/G to the ends. */
export const scrollKeys: ReadonlyArray<KeyBinding<ScrollCommand>> = listKeys
	.filter((binding): binding is KeyBinding<ScrollCommand> => binding.command !== 'open')
	.map((binding) => (binding.command === 'up' ? {...binding, hint: 'scroll'} : binding));

/** A scrolling view of many lines. */
export function Pager({lines, height, isActive = true}: PagerProps) {
	const [offset, setOffset] = useState(0);
	const size = Math.max(1, height - 1);
	useEffect(
		() => setOffset((current) => scrollTo(current, lines.length, size)),
		[lines.length, size],
	);
	const more = lines.length > size;
	const moves: Record<ScrollCommand, number> = {
		up: -1,
		down: 1,
		pageUp: -size,
		pageDown: size,
		first: -lines.length,
		last: lines.length,
	};
	useKeymap(
		scrollKeys,
		(command) => setOffset((current) => scrollTo(current + moves[command], lines.length, size)),
		{isActive: isActive && more},
	);
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
