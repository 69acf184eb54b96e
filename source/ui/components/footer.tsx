import {Box} from 'ink';
import {Text} from '../../text/screen-text.js';
import type {KeyBinding} from '../keys.js';
import {tone} from '../theme.js';

export type FooterProps = {bindings: ReadonlyArray<KeyBinding>};

/** The keys of this screen, from the same table that handles them. */
export function Footer({bindings}: FooterProps) {
	const hints = bindings.filter((binding) => binding.hint !== undefined && binding.label !== '');
	return (
		<Box>
			<Text color={tone('muted')} wrap="truncate-end">
				{hints.map((binding) => `${binding.label} ${binding.hint}`).join('  ')}
			</Text>
		</Box>
	);
}
