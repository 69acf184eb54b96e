import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import type {PasswordRequest} from '../../../credentials/password-prompt.js';
import {Secret} from '../../../credentials/secret.js';
import {TextField} from '../../components/text-field/text-field.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import type {KeyBinding} from '../../keys.js';
import {tone} from '../../theme.js';

export type RenewCommand = 'submit' | 'giveUp' | 'quit';

export const renewKeys: ReadonlyArray<KeyBinding<RenewCommand>> = [
	{
		command: 'submit',
		keys: [{name: 'enter'}],
		label: 'enter',
		description: 'sign in again',
		hint: 'sign in',
	},
	{
		command: 'giveUp',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: 'do not sign in: what waited for it fails and says so',
		hint: 'give up',
	},
	// q is a letter of the password here: only Ctrl-C quits (the app's global keys handle it).
	{command: 'quit', keys: [{name: 'ctrl-c'}], label: 'ctrl-c', description: 'quit', hint: 'quit'},
];

/**
 * The password field shown over the current screen when a saved sign-in runs out mid-session.
 * The screen under it stays mounted: a transfer or a refresh waiting for the token goes on.
 */
export function RenewSignIn({request}: {request: PasswordRequest}) {
	// Ctrl-C is left to the app (it quits); the field takes enter itself.
	useKeymap(
		renewKeys.filter((binding) => binding.command !== 'quit'),
		(command) => {
			if (command === 'giveUp') request.answer(undefined);
		},
		{modal: true, typing: true, title: 'sign in again'},
	);
	return (
		<Box flexDirection="column" gap={1}>
			<Text bold color={tone('warning')}>
				Your sign-in has expired
			</Text>
			<Text>
				The saved sign-in of {request.username} to {request.project} ran out. Type your password to
				go on: what you were doing waits for it.
			</Text>
			<Box>
				<Text>Password: </Text>
				<TextField
					value=""
					mask="•"
					onChange={() => undefined}
					onSubmit={(value) => {
						if (value !== '') request.answer(new Secret(value));
					}}
				/>
			</Box>
		</Box>
	);
}
