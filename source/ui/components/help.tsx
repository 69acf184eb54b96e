import {Box} from 'ink';
import {Text} from '../../text/screen-text.js';
import type {KeyBinding} from '../keys.js';
import {tone} from '../theme.js';

export type HelpProps = {
	sections: ReadonlyArray<{title: string; bindings: ReadonlyArray<KeyBinding>}>;
};

/** The help screen, written from the key table. */
export function Help({sections}: HelpProps) {
	return (
		<Box flexDirection="column" paddingX={1}>
			<Text bold>Keys</Text>
			{sections.map((section) => (
				<Box key={section.title} flexDirection="column" marginTop={1}>
					<Text color={tone('accent')}>{section.title}</Text>
					{section.bindings.map((binding) => (
						<Text key={binding.command}>
							{'  '}
							{keyLabel(binding).padEnd(12)}
							{binding.description}
						</Text>
					))}
				</Box>
			))}
			<Box marginTop={1}>
				<Text color={tone('muted')}>Press ? or esc to close.</Text>
			</Box>
		</Box>
	);
}

function keyLabel(binding: KeyBinding): string {
	return binding.keys.map((spec) => ('name' in spec ? spec.name : spec.text)).join(' ');
}
