import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useLatestState} from '../../hooks/use-latest-state.js';
import {KeyLayer} from '../../hooks/use-keys.js';
import type {KeyBinding} from '../../keys.js';
import {tone} from '../../theme.js';
import {TextField} from '../text-field/text-field.js';

export type PassphrasePromptProps = {
	/** The locked private key, as the prompt names it. */
	keyPath: string;
	/** Why it is needed: "to decrypt the inputs of 1700000000-jdoe". */
	purpose: string;
	onAnswer: (passphrase: string | undefined) => void;
};

const keys: ReadonlyArray<KeyBinding<'unlock' | 'cancel'>> = [
	{
		command: 'unlock',
		keys: [{name: 'enter'}],
		label: 'enter',
		description: 'unlock the key',
		hint: 'unlock',
	},
	{
		command: 'cancel',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: 'do not unlock it',
		hint: 'cancel',
	},
];

/**
 * Asks the passphrase of a Crypt4GH private key, masked. A layer of its own: until it is
 * answered the keys are its alone. The typed text is handed over once, at enter, and the field
 * is emptied; esc answers nothing.
 */
export function PassphrasePrompt(props: PassphrasePromptProps) {
	return (
		<KeyLayer>
			<Prompt {...props} />
		</KeyLayer>
	);
}

function Prompt({keyPath, purpose, onAnswer}: PassphrasePromptProps) {
	// Read back at enter: the passphrase and enter may arrive in one chunk, before a re-render.
	const [typed, setTyped, latestTyped] = useLatestState('');
	useKeymap(
		keys,
		(command) => {
			const passphrase = command === 'unlock' ? latestTyped() : undefined;
			setTyped('');
			onAnswer(passphrase);
		},
		{modal: true, typing: true, title: 'passphrase'},
	);
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={tone('warning')} paddingX={1}>
			<Text wrap="wrap">
				The key {keyPath} is locked; its passphrase is needed {purpose}.
			</Text>
			<Box>
				<Text>Passphrase (enter unlocks, esc cancels): </Text>
				<TextField value={typed} onChange={setTyped} mask="*" />
			</Box>
		</Box>
	);
}
