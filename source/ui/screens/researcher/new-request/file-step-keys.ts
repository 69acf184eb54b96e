import type {KeyBinding} from '../../../keys.js';

export type FileStepCommand = 'complete' | 'up' | 'down' | 'remove';

/** The keys of a path step, beside the field's own: ↑↓ and ctrl-x only once files are listed. */
export function fileStepKeys(files: number): Array<KeyBinding<FileStepCommand>> {
	const complete: KeyBinding<FileStepCommand> = {
		command: 'complete',
		keys: [{name: 'tab'}],
		label: 'tab',
		description: 'complete the path (files and folders, ~); again to list the choices',
		hint: 'complete',
	};
	if (files === 0) return [complete];
	return [
		complete,
		{
			command: 'up',
			keys: [{name: 'up'}],
			label: '↑↓',
			description: 'move through the chosen files',
			hint: 'choose',
		},
		{command: 'down', keys: [{name: 'down'}], label: '↓', description: 'next chosen file'},
		{
			command: 'remove',
			keys: [{name: 'ctrl-x'}],
			label: 'ctrl-x',
			description: 'remove the highlighted file',
			hint: 'remove',
		},
	];
}
