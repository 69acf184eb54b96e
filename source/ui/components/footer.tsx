import {Box, Text} from 'ink';
import type {KeyBinding} from '../keys.js';
import {tone} from '../theme.js';

export type FooterProps = {bindings: ReadonlyArray<KeyBinding>};

/** The keys of this screen, from the same table that handles them. */
export function Footer({bindings}: FooterProps) {
	const hints = bindings.filter((binding) => binding.hint && binding.label !== '');
	return (
		<Box>
			<Text color={tone('muted')} wrap="truncate-end">
				{hints.map((binding) => `${binding.label} ${shortDescription(binding)}`).join('  ')}
			</Text>
		</Box>
	);
}

function shortDescription(binding: KeyBinding): string {
	return binding.description.replace(/ \(.*\)$/u, '').replace(/^show or hide this /u, '');
}
