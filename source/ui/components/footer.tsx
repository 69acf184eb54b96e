import {Box} from 'ink';
import {Text} from '../../text/screen-text.js';
import type {KeyBinding} from '../keys.js';
import {tone} from '../theme.js';
import type {FooterKeys} from './footer-keys.js';

/**
 * The keys of the mode on top, from the same tables that handle them; a key that cannot be
 * used now is greyed. `? help` and quitting stay at the right, whatever is cut at the left.
 */
export function Footer({keys}: {keys: FooterKeys}) {
	return (
		<Box>
			<Box flexGrow={1} flexShrink={1} overflow="hidden">
				<Text wrap="truncate-end">{hints(keys.mode)}</Text>
			</Box>
			<Box flexShrink={0} marginLeft={2}>
				<Text>{hints(keys.always)}</Text>
			</Box>
		</Box>
	);
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
