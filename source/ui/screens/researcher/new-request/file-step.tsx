import {Box} from 'ink';
import {Text} from '../../../../text/screen-text.js';
import prettyBytes from 'pretty-bytes';
import {useState} from 'react';
import {describeLocalFile} from '../../../../jobs/researcher/local-file.js';
import {TextField} from '../../../components/text-field/text-field.js';
import {useKeymap} from '../../../hooks/use-keymap.js';
import {useLatestState} from '../../../hooks/use-latest-state.js';
import {tone} from '../../../theme.js';
import {fileStepKeys} from './file-step-keys.js';
import {completePath} from './path-completion.js';
import {isStoreCopy} from '../../../../jobs/researcher/resubmit-job.js';
import type {PickedFile} from './request-draft.js';

export type FileStepProps = {
	files: readonly PickedFile[];
	/** One file only (instructions): the step ends as soon as it is picked. */
	single: boolean;
	onChange: (files: PickedFile[]) => void;
	/** enter on an empty line: done adding files. */
	onDone: () => void;
	/** enter on an empty line with no file yet: write one instead (the instructions in $EDITOR). */
	onWrite?: () => string | undefined;
	/** What enter on an empty line does, for the placeholder. */
	emptyEnter?: string;
};

/** Most names listed when tab finds several; the count of the rest follows. */
const shownCandidates = 12;

/**
 * Path entry: tab completes (files, folders, `~`), each path is checked to exist and shown with
 * its size, a path given twice is said to be there already. ↑↓ move through the chosen files
 * and ctrl-x removes the highlighted one.
 */
export function FileStep({files, single, onChange, onDone, onWrite, emptyEnter}: FileStepProps) {
	const [typed, setTyped, latestTyped] = useLatestState('');
	// A completed path is a new field, with the cursor at its end.
	const [generation, setGeneration] = useState(0);
	const [highlighted, setHighlighted, latestHighlighted] = useLatestState(files.length - 1);
	const [problem, setProblem] = useState<string | undefined>();
	const [candidates, setCandidates] = useState<string[]>([]);
	const submit = (value: string) => {
		setCandidates([]);
		if (value.trim() === '') {
			if (files.length === 0 && onWrite) setProblem(onWrite());
			else onDone();
			return;
		}

		void describeLocalFile(value).then((file) => {
			if (!file.ok) {
				setProblem(file.reason);
				return;
			}

			setTyped('');
			setGeneration((count) => count + 1);
			const index = files.findIndex((picked) => picked.path === file.path);
			if (index !== -1) {
				setHighlighted(index);
				setProblem(`${file.name} is already added (ctrl-x removes it).`);
				return;
			}

			setProblem(undefined);
			const next = [
				...(single ? [] : files),
				{path: file.path, name: file.name, bytes: file.bytes},
			];
			onChange(next);
			setHighlighted(next.length - 1);
			if (single) onDone();
		});
	};

	useKeymap(fileStepKeys(files.length), (command) => {
		const at = Math.min(latestHighlighted(), files.length - 1);
		if (command === 'complete') {
			const completion = completePath(latestTyped());
			setProblem(completion.problem);
			setCandidates(completion.candidates);
			if (completion.value !== latestTyped()) {
				setTyped(completion.value);
				setGeneration((count) => count + 1);
			}
		} else if (command === 'up') {
			setHighlighted(Math.max(0, at - 1));
		} else if (command === 'down') {
			setHighlighted(Math.min(files.length - 1, at + 1));
		} else if (command === 'remove' && at >= 0) {
			const removed = files[at];
			onChange(files.filter((_, index) => index !== at));
			setHighlighted(Math.max(0, Math.min(at, files.length - 2)));
			setProblem(removed ? `${removed.name} removed.` : undefined);
		}
	});

	const current = Math.min(highlighted, files.length - 1);
	return (
		<Box flexDirection="column">
			{files.map((file, index) => (
				<Text key={file.path} inverse={index === current && files.length > 1}>
					{index === current ? '▸ ' : '  '}✔ {file.name.padEnd(28)}{' '}
					{prettyBytes(file.bytes).padStart(9)}{' '}
					<Text color={tone('muted')}>
						{isStoreCopy(file.path) ? 'in the store: copied, not uploaded' : file.path}
					</Text>
				</Text>
			))}
			<Box>
				<Text>path: </Text>
				<TextField
					key={generation}
					value={typed}
					onChange={setTyped}
					onSubmit={submit}
					placeholder={
						single && files.length > 0
							? 'enter keeps it; or a path to replace it'
							: `file path (tab completes)${emptyEnter ? `; enter on an empty line ${emptyEnter}` : ''}`
					}
				/>
			</Box>
			{candidates.length > 0 ? (
				<Text color={tone('muted')}>
					{candidates.slice(0, shownCandidates).join('  ')}
					{candidates.length > shownCandidates
						? `  … and ${candidates.length - shownCandidates} more`
						: ''}
				</Text>
			) : null}
			{problem ? <Text color={tone('bad')}>{problem}</Text> : null}
		</Box>
	);
}
