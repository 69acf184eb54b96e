import type {Key} from 'ink';

/**
 * Key bindings are data: the same table decides what a key does, draws the footer hints and
 * writes the help screen, so the three can never disagree.
 */
export type KeyName =
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'enter'
	| 'escape'
	| 'tab'
	| 'ctrl-c'
	| 'ctrl-x';

export type KeySpec = {name: KeyName} | {text: string};

export type KeyBinding<Command extends string = string> = {
	command: Command;
	keys: KeySpec[];
	/** What the footer shows, e.g. "↑↓". */
	label: string;
	description: string;
	/** The footer's word for it ("filter"); without one it shows only in the help screen. */
	hint?: string;
	/** Why it cannot be used now: pressing it says so, and the footer greys it. */
	disabled?: string;
};

/** `bindings` with `command`'s disabled reason set (or cleared, for undefined). */
export function withReasons<Command extends string>(
	bindings: ReadonlyArray<KeyBinding<Command>>,
	reasons: Partial<Record<Command, string | undefined>>,
): Array<KeyBinding<Command>> {
	return bindings.map((binding) =>
		binding.command in reasons ? {...binding, disabled: reasons[binding.command]} : binding,
	);
}

const named: Record<KeyName, (input: string, key: Key) => boolean> = {
	up: (_input, key) => key.upArrow,
	down: (_input, key) => key.downArrow,
	pageUp: (_input, key) => key.pageUp,
	pageDown: (_input, key) => key.pageDown,
	home: (_input, key) => key.home,
	end: (_input, key) => key.end,
	enter: (_input, key) => key.return,
	escape: (_input, key) => key.escape,
	tab: (_input, key) => key.tab && !key.shift,
	'ctrl-c': (input, key) => key.ctrl && input === 'c',
	'ctrl-x': (input, key) => key.ctrl && input === 'x',
};

export function keyMatches(spec: KeySpec, input: string, key: Key): boolean {
	if ('name' in spec) return named[spec.name](input, key);
	return input === spec.text && !key.ctrl && !key.meta;
}

export function commandFor<Command extends string>(
	bindings: ReadonlyArray<KeyBinding<Command>>,
	input: string,
	key: Key,
): Command | undefined {
	return bindings.find((binding) => binding.keys.some((spec) => keyMatches(spec, input, key)))
		?.command;
}

export type GlobalCommand = 'help' | 'back' | 'quit';

export const globalKeys: ReadonlyArray<KeyBinding<GlobalCommand>> = [
	{
		command: 'help',
		keys: [{text: '?'}],
		label: '?',
		description: 'show or hide this help',
		hint: 'help',
	},
	{command: 'back', keys: [{name: 'escape'}], label: 'esc', description: 'go back', hint: 'back'},
	{
		command: 'quit',
		keys: [{text: 'q'}, {name: 'ctrl-c'}],
		label: 'q',
		description: 'quit (Ctrl-C too)',
		hint: 'quit',
	},
];

export type ListCommand = 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last' | 'open';

export const listKeys: ReadonlyArray<KeyBinding<ListCommand>> = [
	{
		command: 'up',
		keys: [{name: 'up'}, {text: 'k'}],
		label: '↑↓',
		description: 'move up (k)',
		hint: 'move',
	},
	{
		command: 'down',
		keys: [{name: 'down'}, {text: 'j'}],
		label: '',
		description: 'move down (j)',
	},
	{command: 'pageUp', keys: [{name: 'pageUp'}], label: 'PgUp', description: 'page up'},
	{
		command: 'pageDown',
		keys: [{name: 'pageDown'}],
		label: 'PgDn',
		description: 'page down',
	},
	{
		command: 'first',
		keys: [{name: 'home'}, {text: 'g'}],
		label: 'g',
		description: 'first row (Home)',
	},
	{
		command: 'last',
		keys: [{name: 'end'}, {text: 'G'}],
		label: 'G',
		description: 'last row (End)',
	},
	{
		command: 'open',
		keys: [{name: 'enter'}],
		label: 'enter',
		description: 'open or choose',
		hint: 'open',
	},
];
