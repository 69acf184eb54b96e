import type {KeyBinding} from '../../keys.js';

export type ReviewCommand = 'toggle' | 'justify' | 'deliver' | 'back';

/** The first reviewer's release review: each outgoing file released or held back, on purpose. */
export const reviewCommands: ReadonlyArray<KeyBinding<ReviewCommand>> = [
	{
		command: 'toggle',
		keys: [{text: ' '}],
		label: 'space',
		description: 'release or hold back the file under the cursor',
		hint: 'release/hold',
	},
	{
		command: 'justify',
		keys: [{text: 'w'}],
		label: 'w',
		description: 'write why the file under the cursor may leave despite its blocking findings',
		hint: 'why',
	},
	{
		command: 'deliver',
		keys: [{text: 'u'}],
		label: 'u',
		description: 'deliver: a last confirmation lists exactly the files that leave the host',
		hint: 'deliver',
	},
	{
		command: 'back',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: 'back to the checklist, nothing uploaded',
		hint: 'back',
	},
];

export type SecondReviewCommand = 'approve' | 'return' | 'back';

/** The second reviewer: the same files, the first reviewer's verdicts; approve or send back. */
export const secondReviewCommands: ReadonlyArray<KeyBinding<SecondReviewCommand>> = [
	{
		command: 'approve',
		keys: [{text: 'a'}],
		label: 'a',
		description: 'approve: upload the released files, sign off, mark the job ready',
		hint: 'approve',
	},
	{
		command: 'return',
		keys: [{text: 'b'}],
		label: 'b',
		description: 'send it back to the first reviewer, with a reason',
		hint: 'send back',
	},
	{
		command: 'back',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: 'back to the job, nothing decided',
		hint: 'back',
	},
];
