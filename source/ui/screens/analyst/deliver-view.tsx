import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import prettyBytes from 'pretty-bytes';
import type {OutputChecklist} from '../../../jobs/analyst/deliver-job.js';
import {terminalSafe} from '../../../text/terminal-safe.js';
import {useChoice} from '../../components/choice/use-choice.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {KeyLayer} from '../../hooks/use-keys.js';
import {useLatestState} from '../../hooks/use-latest-state.js';
import {listKeys, withReasons} from '../../keys.js';
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
export function DeliverView(props: DeliverViewProps) {
	return (
		<KeyLayer>
			<Checklist {...props} />
		</KeyLayer>
	);
}

const moveKeys = listKeys.filter((binding) => binding.command !== 'open');
const window = 8;

function Checklist({checklist, jobFolder, onUpload, onRecheck, onCancel}: DeliverViewProps) {
	// The selection in a ref too: "space u" typed together must upload with the new choice.
	const [chosen, setChosen, latestChosen] = useLatestState<ReadonlySet<string>>(new Set());
	const missing = checklist.outputs.filter((output) => output.state !== 'present');
	const extras = checklist.extras;
	const {cursor, offset, currentCursor} = useChoice({
		count: extras.length,
		windowSize: window,
		bindings: moveKeys,
	});
	useKeymap(
		withReasons(deliverCommands, {
			toggle: extras.length === 0 ? 'there are no other files in the job folder' : undefined,
			upload:
				missing.length > 0
					? `missing ${missing.map((output) => terminalSafe(output.relative)).join(', ')}; put them in the job folder, then r`
					: undefined,
		}),
		(command) => {
			if (command === 'back') onCancel();
			if (command === 'recheck') onRecheck();
			if (command === 'upload') onUpload([...latestChosen()]);
			const extra = extras[currentCursor()];
			if (command === 'toggle' && extra) {
				setChosen((current) => {
					const next = new Set(current);
					if (next.has(extra.relative)) next.delete(extra.relative);
					else next.add(extra.relative);
					return next;
				});
			}
		},
		{modal: true, title: 'delivery'},
	);

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
			{extras.length > window ? (
				<Text color={tone('muted')}>
					{'  '}
					{offset + 1}–{Math.min(offset + window, extras.length)} of {extras.length}
				</Text>
			) : null}
			{missing.length > 0 ? (
				<Text color={tone('bad')}>
					Missing: {missing.map((output) => terminalSafe(output.relative)).join(', ')}. Put them in
					the job folder, then r.
				</Text>
			) : (
				<Text bold>
					u scans the {checklist.outputs.length + chosen.size} files and opens their release review;
					nothing is uploaded before you confirm.
				</Text>
			)}
		</Box>
	);
}
