import {Box} from 'ink';
import {Text} from '../../../../text/screen-text.js';
import prettyBytes from 'pretty-bytes';
import {useState} from 'react';
import {describeLocalFile} from '../../../../jobs/researcher/local-file.js';
import {TextField} from '../../../components/text-field/text-field.js';
import {tone} from '../../../theme.js';
import type {PickedFile} from './request-draft.js';

export type FileStepProps = {
	files: readonly PickedFile[];
	/** One file only (instructions): the step ends as soon as it is picked. */
	single: boolean;
	onChange: (files: PickedFile[]) => void;
	/** enter on an empty line: done adding files. */
	onDone: () => void;
};

/** Path entry that checks each file exists and shows its size; a path given again removes it. */
export function FileStep({files, single, onChange, onDone}: FileStepProps) {
	const [typed, setTyped] = useState('');
	const [problem, setProblem] = useState<string | undefined>();
	const submit = (value: string) => {
		if (value.trim() === '') {
			onDone();
			return;
		}
		void describeLocalFile(value).then((file) => {
			if (!file.ok) {
				setProblem(file.reason);
				return;
			}
			setProblem(undefined);
			setTyped('');
			const already = files.some((picked) => picked.path === file.path);
			const next = already
				? files.filter((picked) => picked.path !== file.path)
				: [...(single ? [] : files), {path: file.path, name: file.name, bytes: file.bytes}];
			onChange(next);
			if (single && !already) onDone();
		});
	};
	return (
		<Box flexDirection="column">
			{files.map((file) => (
				<Text key={file.path}>
					{'  '}✔ {file.name.padEnd(28)} {prettyBytes(file.bytes).padStart(9)}{' '}
					<Text color={tone('muted')}>{file.path}</Text>
				</Text>
			))}
			<Box>
				<Text>path: </Text>
				<TextField
					value={typed}
					onChange={setTyped}
					onSubmit={submit}
					placeholder={single ? 'file path' : 'file path; enter on an empty line when done'}
				/>
			</Box>
			{problem ? <Text color={tone('bad')}>{problem}</Text> : null}
		</Box>
	);
}
