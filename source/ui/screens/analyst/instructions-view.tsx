import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import prettyBytes from 'pretty-bytes';
import {useEffect, useMemo, useState} from 'react';
import type {JobFile} from '../../../jobs/analyst/load-inbox.js';
import {type InstructionsDocument} from '../../../jobs/analyst/read-instructions.js';
import {terminalSafe, terminalSafeLines} from '../../../text/terminal-safe.js';
import {Pager, type PagerLine} from '../../components/pager/pager.js';
import {shown} from '../../../text/display-text.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {KeyLayer} from '../../hooks/use-keys.js';
import type {KeyBinding} from '../../keys.js';
import {useSession} from '../../session.js';
import {tone} from '../../theme.js';

/** The lines the pager shows for the documents: each with a heading; text made terminal-safe. */
export function instructionLines(documents: readonly InstructionsDocument[]): PagerLine[] {
	const lines: PagerLine[] = [];
	for (const document of documents) {
		if (lines.length > 0) lines.push(shown``);
		lines.push(
			<Text bold color={tone('accent')}>
				{terminalSafe(document.name)}
				<Text color={tone('muted')}>
					{document.bytes === undefined ? '' : ` · ${prettyBytes(document.bytes)}`} · shown as text,
					never run
				</Text>
			</Text>,
		);
		if (document.note) lines.push(<Text color={tone('warning')}>{document.note}</Text>);
		if (document.text !== undefined) lines.push(...terminalSafeLines(document.text));
		if (document.truncated) {
			lines.push(
				<Text color={tone('muted')}>… the rest is in the downloaded file, not shown here.</Text>,
			);
		}
	}

	return lines;
}

export type InstructionsViewProps = {
	files: readonly JobFile[];
	height: number;
	onClose: () => void;
};

const closeKeys: ReadonlyArray<KeyBinding<'close'>> = [
	{
		command: 'close',
		keys: [{name: 'escape'}, {text: 'q'}, {text: 'i'}],
		label: 'esc',
		description: 'close the instructions (q, i too)',
		hint: 'close',
	},
];

/** The instructions documents in a pager, over the job page. */
export function InstructionsView(props: InstructionsViewProps) {
	return (
		<KeyLayer>
			<Instructions {...props} />
		</KeyLayer>
	);
}

function Instructions({files, height, onClose}: InstructionsViewProps) {
	const session = useSession();
	const [documents, setDocuments] = useState<InstructionsDocument[] | undefined>();
	const [error, setError] = useState<string | undefined>();
	useEffect(() => {
		const controller = new AbortController();
		session.analyst
			.readInstructions(files, {signal: controller.signal})
			.then(setDocuments, (failure: unknown) => {
				if (!controller.signal.aborted)
					setError(failure instanceof Error ? failure.message : String(failure));
			});
		return () => controller.abort();
	}, [session, files]);
	useKeymap(closeKeys, onClose, {modal: true, title: 'instructions'});
	const lines = useMemo(() => instructionLines(documents ?? []), [documents]);
	return (
		<Box flexDirection="column">
			{error ? <Text color={tone('bad')}>Could not read the instructions: {error}</Text> : null}
			{documents === undefined && !error ? (
				<Text color={tone('muted')}>Reading the instructions…</Text>
			) : null}
			{documents?.length === 0 ? <Text>This job has no instructions document.</Text> : null}
			<Pager lines={lines} height={height} />
		</Box>
	);
}
