import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {TextField} from '../../components/text-field/text-field.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {KeyLayer} from '../../hooks/use-keys.js';
import {useLatestState} from '../../hooks/use-latest-state.js';
import type {KeyBinding} from '../../keys.js';
import {tone} from '../../theme.js';

export type ReviewTextPromptProps = {
	/** The question, our own words (names in it already made safe). */
	title: string;
	placeholder: string;
	initial?: string;
	maxLength: number;
	onSubmit: (text: string) => void;
	onCancel: () => void;
};

const promptKeys: ReadonlyArray<KeyBinding<'save' | 'cancel'>> = [
	{command: 'save', keys: [{name: 'enter'}], label: 'enter', description: 'keep it', hint: 'keep'},
	{
		command: 'cancel',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: 'leave it as it was',
		hint: 'cancel',
	},
];

/** One line typed in the review: why a blocked file may leave, or why a review goes back. */
export function ReviewTextPrompt(props: ReviewTextPromptProps) {
	return (
		<KeyLayer>
			<Prompt {...props} />
		</KeyLayer>
	);
}

function Prompt({
	title,
	placeholder,
	initial = '',
	maxLength,
	onSubmit,
	onCancel,
}: ReviewTextPromptProps) {
	const [text, setText, latestText] = useLatestState(initial);
	useKeymap(
		promptKeys,
		(command) => {
			if (command === 'cancel') onCancel();
			else if (latestText().trim() !== '') onSubmit(latestText().trim());
		},
		{modal: true, typing: true, title: 'text'},
	);
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={tone('warning')} paddingX={1}>
			<Text bold>{title}</Text>
			<Box>
				<Text color={tone('accent')}>› </Text>
				<TextField
					value={text}
					onChange={(value) => setText(value.replaceAll(/[\r\n]/gu, ' ').slice(0, maxLength))}
					placeholder={placeholder}
				/>
			</Box>
			<Text color={tone('muted')}>enter keeps it · esc leaves it as it was</Text>
		</Box>
	);
}
