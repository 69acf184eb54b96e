import {Box} from 'ink';
import {Text} from '../../text/screen-text.js';
import {useKeymap} from '../hooks/use-keymap.js';
import {useLatestState} from '../hooks/use-latest-state.js';
import {KeyLayer} from '../hooks/use-keys.js';
import type {KeyBinding} from '../keys.js';
import {tone} from '../theme.js';
import {TextField} from './text-field/text-field.js';

export type ConfirmProps = {
	/** What will happen, in full, before it happens. */
	question: string;
	/** Type this text to confirm (for damage that cannot be undone); otherwise y/n. */
	typeToConfirm?: string;
	onAnswer: (confirmed: boolean) => void;
};

type Answer = 'yes' | 'no';

const yesNoKeys: ReadonlyArray<KeyBinding<Answer>> = [
	{command: 'yes', keys: [{text: 'y'}, {text: 'Y'}], label: 'y', description: 'yes', hint: 'yes'},
	{
		command: 'no',
		keys: [{text: 'n'}, {text: 'N'}, {name: 'escape'}],
		label: 'n',
		description: 'no (esc too)',
		hint: 'no',
	},
];

const typedKeys: ReadonlyArray<KeyBinding<Answer>> = [
	{
		command: 'yes',
		keys: [{name: 'enter'}],
		label: 'enter',
		description: 'confirm',
		hint: 'confirm',
	},
	{
		command: 'no',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: 'keep it as it is',
		hint: 'keep it',
	},
];

/**
 * The rows a confirmation takes at `columns`: its border, the question wrapped inside the border
 * and padding, and the prompt line. A screen gives its page that many rows less, or the frame
 * outgrows the terminal.
 */
export function confirmRows(question: string, columns: number): number {
	const inside = Math.max(10, columns - 4);
	const wrapped = question
		.split('\n')
		.reduce((rows, line) => rows + Math.max(1, Math.ceil(line.length / inside)), 0);
	return wrapped + 3;
}

/**
 * A confirmation scaled to the damage: y/n, or typing the job id for the irreversible. It is
 * a layer of its own: until it is answered, the keys are its alone (q and help aside).
 */
export function Confirm(props: ConfirmProps) {
	return (
		<KeyLayer>
			<Question {...props} />
		</KeyLayer>
	);
}

function Question({question, typeToConfirm, onAnswer}: ConfirmProps) {
	// Read back at enter: the id and enter may arrive in one chunk, before a re-render.
	const [typed, setTyped, latestTyped] = useLatestState('');
	const typing = typeToConfirm !== undefined;
	useKeymap(
		typing ? typedKeys : yesNoKeys,
		(answer) => onAnswer(answer === 'yes' && (!typing || latestTyped() === typeToConfirm)),
		{modal: true, typing, title: 'question'},
	);
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={tone('warning')} paddingX={1}>
			<Text wrap="wrap">{question}</Text>
			{typing ? (
				<Box>
					<Text>Type {typeToConfirm} to confirm, esc to keep it: </Text>
					<TextField value={typed} onChange={setTyped} />
				</Box>
			) : question.endsWith('y/n') ? null : (
				<Text bold>Proceed? y / n</Text>
			)}
		</Box>
	);
}
