import {Box} from 'ink';
import stringWidth from 'string-width';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {Text} from '../../text/screen-text.js';
import type {KeyBinding} from '../keys.js';
import {tone} from '../theme.js';
import type {FooterKeys} from './footer-keys.js';

/**
 * The keys of the mode on top, from the same tables that handle them; a key that cannot be
 * used now is greyed. `? help` and quitting stay at the right, whatever is cut at the left.
 */
export function Footer({keys}: {keys: FooterKeys}) {
	const {columns} = useTerminalSize();
	const room = columns - 2 - hintsWidth(keys.always);
	return (
		<Box>
			<Box flexGrow={1} flexShrink={1} overflow="hidden">
				<Text wrap="truncate-end">{hints(fitting(keys.mode, room))}</Text>
			</Box>
			<Box flexShrink={0} marginLeft={2}>
				<Text>{hints(keys.always)}</Text>
			</Box>
		</Box>
	);
}

const hintWidth = (binding: KeyBinding) => stringWidth(`${binding.label} ${binding.hint}`);

function hintsWidth(bindings: readonly KeyBinding[]): number {
	return bindings.reduce(
		(sum, binding, index) => sum + (index > 0 ? 2 : 0) + hintWidth(binding),
		0,
	);
}

/** The hints that fit in `room` columns, whole, in order: the rest are in the help. */
function fitting(bindings: readonly KeyBinding[], room: number): KeyBinding[] {
	const shown: KeyBinding[] = [];
	let used = 0;
	for (const binding of bindings) {
		const width = (shown.length > 0 ? 2 : 0) + hintWidth(binding);
		if (used + width > room) break;
		shown.push(binding);
		used += width;
	}
	return shown;
}

function hints(bindings: readonly KeyBinding[]) {
	return bindings.map((binding, index) => (
		<Text key={`${binding.label}-${binding.command}`}>
			{index > 0 ? '  ' : ''}
			{binding.disabled ? (
				<Text dimColor>
					{binding.label} {binding.hint}
				</Text>
			) : (
				<>
					<Text bold>{binding.label}</Text> <Text color={tone('muted')}>{binding.hint}</Text>
				</>
			)}
		</Text>
	));
}
