import type {KeyBinding} from '../../keys.js';

export type SignInCommand = 'next' | 'previous' | 'submit' | 'toggle' | 'quit';

/** The sign-in screen's keys; typed letters go to the fields, so quitting is Ctrl-C or esc. */
export const signInKeys: ReadonlyArray<KeyBinding<SignInCommand>> = [
	{
		command: 'next',
		keys: [{name: 'tab'}, {name: 'down'}],
		label: 'tab',
		description: 'next field (↓)',
		hint: 'next field',
	},
	{command: 'previous', keys: [{name: 'up'}], label: '↑', description: 'previous field'},
	{
		command: 'submit',
		keys: [{name: 'enter'}],
		label: 'enter',
		description: 'sign in',
		hint: 'sign in',
	},
	{
		command: 'toggle',
		keys: [{text: ' '}],
		label: 'space',
		description: 'remember the password or not (on that line)',
	},
	{
		command: 'quit',
		keys: [{name: 'ctrl-c'}, {name: 'escape'}],
		label: 'ctrl-c',
		description: 'quit without signing in (esc too)',
		hint: 'quit',
	},
];
