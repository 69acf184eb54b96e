import {Box} from 'ink';
import {Text} from '../../text/screen-text.js';
import {tone} from '../theme.js';

export type HeaderProps = {
	/** Where ivjm is connected, e.g. "demo store ~/.local/share/ivjm/demo". */
	location: string;
	/** Who is signed in, and in which role once chosen. */
	identity: string;
	title: string;
	/** Right-hand status, e.g. "updated 5s ago". */
	status?: string;
};

export function Header({location, identity, title, status}: HeaderProps) {
	return (
		<Box flexDirection="column">
			<Box justifyContent="space-between">
				<Text>
					<Text bold color={tone('accent')}>
						ivjm
					</Text>
					<Text> · {title}</Text>
				</Text>
				<Text color={tone('muted')}>{status ?? ''}</Text>
			</Box>
			<Text color={tone('muted')} wrap="truncate-middle">
				{location} · {identity}
			</Text>
		</Box>
	);
}
