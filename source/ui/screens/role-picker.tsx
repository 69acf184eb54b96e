import {Box} from 'ink';
import {Text} from '../../text/screen-text.js';
import {Choice} from '../components/choice/choice.js';
import type {KeyBinding} from '../keys.js';
import {listKeys} from '../keys.js';
import type {Navigator} from '../navigation.js';
import {tone} from '../theme.js';

export const rolePickerKeys: ReadonlyArray<KeyBinding> = listKeys;

type Role = 'researcher' | 'analyst-biobank';

const roles: Array<{label: string; value: Role}> = [
	{label: 'Researcher       submit requests, follow jobs, collect results', value: 'researcher'},
	{label: 'Biobank analyst  pick up requests, run them, deliver results', value: 'analyst-biobank'},
];

export function RolePicker({navigate}: {navigate: Navigator}) {
	return (
		<Box flexDirection="column" paddingX={1}>
			<Text bold>Who are you today?</Text>
			<Box marginTop={1}>
				<Choice items={roles} onChoose={(role) => navigate({type: 'push', screen: {name: role}})} />
			</Box>
			<Box marginTop={1}>
				<Text color={tone('muted')}>
					Both roles work on the same bucket; switch any time with esc.
				</Text>
			</Box>
		</Box>
	);
}
