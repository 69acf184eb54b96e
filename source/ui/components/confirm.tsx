import {Box} from 'ink';
import {Text} from '../../text/screen-text.js';
import {useState} from 'react';
import {useKeyCapture} from '../key-capture.js';
import {tone} from '../theme.js';
import {TextField} from './text-field/text-field.js';
import {useKeys} from '../hooks/use-keys.js';

export type ConfirmProps = {
	/** What will happen, in full, before it happens. */
	question: string;
	/** Type this text to confirm (for damage that cannot be undone); otherwise y/n. */
	typeToConfirm?: string;
	onAnswer: (confirmed: boolean) => void;
};

/** A confirmation scaled to the damage: y/n, or typing the job id for the irreversible. */
export function Confirm({question, typeToConfirm, onAnswer}: ConfirmProps) {
	const [typed, setTyped] = useState('');
	useKeyCapture(true);
	useKeys((input, key) => {
		if (key.escape) onAnswer(false);
		else if (typeToConfirm === undefined && (input === 'y' || input === 'Y')) onAnswer(true);
		else if (typeToConfirm === undefined && (input === 'n' || input === 'N')) onAnswer(false);
	});
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={tone('warning')} paddingX={1}>
			<Text wrap="wrap">{question}</Text>
			{typeToConfirm === undefined ? (
				<Text bold>Proceed? y / n</Text>
			) : (
				<Box>
					<Text>Type {typeToConfirm} to confirm, esc to keep it: </Text>
					<TextField
						value={typed}
						onChange={setTyped}
						onSubmit={(value) => onAnswer(value === typeToConfirm)}
					/>
				</Box>
			)}
		</Box>
	);
}
