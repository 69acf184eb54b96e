import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useKeys} from '../../hooks/use-keys.js';
import prettyBytes from 'pretty-bytes';
import {useRef, useState} from 'react';
import type {OutputChecklist} from '../../../jobs/analyst/deliver-job.js';
import {terminalSafe} from '../../../text/terminal-safe.js';
import {useKeyCapture} from '../../key-capture.js';
import {commandFor, listKeys} from '../../keys.js';
import {localTime} from '../../time/local-time.js';
import {tone} from '../../theme.js';
import {deliverCommands} from './analyst-keys.js';

export type DeliverViewProps = {
	checklist: OutputChecklist;
	jobFolder: string;
	onUpload: (extras: string[]) => void;
	onRecheck: () => void;
	onCancel: () => void;
};

/**
 * The delivery checklist: each declared output present or missing in the job folder (size,
 * time), then the folder's other files, none chosen until the analyst adds one with space.
 */
export function DeliverView({
	checklist,
	jobFolder,
	onUpload,
	onRecheck,
	onCancel,
}: DeliverViewProps) {
	const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
	const [cursor, setCursor] = useState(0);
	// The cursor in a ref too: keys typed fast arrive in one chunk before a re-render.
	const cursorRef = useRef(0);
	useKeyCapture(true);
	const missing = checklist.outputs.filter((output) => output.state !== 'present');
	const extras = checklist.extras;
	const window = 8;
	const offset = Math.max(0, cursor - window + 1);
	useKeys((input, key) => {
		if (key.escape) return onCancel();
		if (input === 'r') return onRecheck();
		const move = commandFor(listKeys, input, key);
		if (move === 'up' || move === 'down') {
			const next = Math.min(
				Math.max(0, cursorRef.current + (move === 'up' ? -1 : 1)),
				Math.max(0, extras.length - 1),
			);
			cursorRef.current = next;
			setCursor(next);
			return;
		}

		const command = commandFor(deliverCommands, input, key);
		if (command === 'toggle') {
			const extra = extras[cursorRef.current];
			if (!extra) return;
			setChosen((current) => {
				const next = new Set(current);
				if (next.has(extra.relative)) next.delete(extra.relative);
				else next.add(extra.relative);
				return next;
			});
		}

		if (command === 'upload' && missing.length === 0) onUpload([...chosen]);
	});

	return (
		<Box flexDirection="column">
			<Text bold>Deliver from {jobFolder}</Text>
			<Text color={tone('accent')}>Declared outputs</Text>
			{checklist.outputs.map((output) => (
				<Text key={output.relative}>
					{output.state === 'present' ? (
						<Text color={tone('good')}> ✔ </Text>
					) : (
						<Text color={tone('bad')}> ✘ </Text>
					)}
					{terminalSafe(output.relative).padEnd(28)}{' '}
					{output.state === 'present'
						? `${prettyBytes(output.bytes ?? 0).padStart(9)}  ${localTime(output.modifiedAt ?? 0)}`
						: output.state}
				</Text>
			))}
			<Text color={tone('accent')}>Other files in the job folder (uploaded only if added)</Text>
			{extras.length === 0 ? <Text color={tone('muted')}> none</Text> : null}
			{extras.slice(offset, offset + window).map((extra, index) => (
				<Text key={extra.relative} inverse={offset + index === cursor}>
					{offset + index === cursor ? '❯ ' : '  '}
					{chosen.has(extra.relative) ? '[x] ' : '[ ] '}
					{terminalSafe(extra.relative).padEnd(26)} {prettyBytes(extra.bytes ?? 0).padStart(9)}
				</Text>
			))}
			{extras.length > 12 ? <Text color={tone('muted')}> … {extras.length - 12} more</Text> : null}
			{missing.length > 0 ? (
				<Text color={tone('bad')}>
					Missing: {missing.map((output) => terminalSafe(output.relative)).join(', ')}. Put them in
					the job folder, then r.
				</Text>
			) : (
				<Text bold>
					u uploads {checklist.outputs.length + chosen.size} files, verifies them, then marks the
					job ready.
				</Text>
			)}
			<Text color={tone('muted')}>↑↓ move · space add/leave out · r check again · esc back</Text>
		</Box>
	);
}
