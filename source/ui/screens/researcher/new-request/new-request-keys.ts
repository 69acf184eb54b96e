import type {KeyBinding} from '../../../keys.js';

/** The form takes typed text, so its keys are few: enter to go on, esc to go back a step. */
export const newRequestKeys: ReadonlyArray<KeyBinding> = [
	{
		command: 'next',
		keys: [{name: 'enter'}],
		label: 'enter',
		description: 'next step (submit on the review)',
		hint: 'next',
	},
	{
		command: 'previous',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: 'previous step (stop a running upload)',
		hint: 'previous step',
	},
	{command: 'toggle', keys: [{text: ' '}], label: 'space', description: 'toggle a biobank'},
];
