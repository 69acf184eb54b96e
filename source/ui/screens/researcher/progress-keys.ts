import type {KeyBinding} from '../../keys.js';

export type ProgressCommand = 'stop' | 'retry' | 'rollBack' | 'leave' | 'open';

const key = (
	command: ProgressCommand,
	spec: KeyBinding['keys'],
	label: string,
	description: string,
	hint: string,
): KeyBinding<ProgressCommand> => ({command, keys: spec, label, description, hint});

/** The keys of a running or finished transfer screen (submit, results), by its phase. */
export const progressKeys = {
	running: [key('stop', [{name: 'escape'}], 'esc', 'stop; doing it again resumes', 'stop')],
	failed: [
		key(
			'retry',
			[{name: 'enter'}],
			'enter',
			'try again (what is stored is not sent again)',
			'retry',
		),
		key('leave', [{name: 'escape'}], 'esc', 'leave it as it is', 'back'),
	],
	submitFailed: [
		key('retry', [{name: 'enter'}], 'enter', 'resume (what is stored is not sent again)', 'resume'),
		key('rollBack', [{text: 'x'}], 'x', 'roll the partial job back', 'roll back'),
		key('leave', [{name: 'escape'}], 'esc', 'leave it as it is', 'leave it'),
	],
	done: [key('leave', [{name: 'enter'}, {name: 'escape'}], 'enter', 'back', 'back')],
	submitted: [
		key('open', [{name: 'enter'}, {name: 'escape'}], 'enter', 'open the job', 'open the job'),
	],
} satisfies Record<string, ReadonlyArray<KeyBinding<ProgressCommand>>>;
