import test from 'ava';
import type {Key} from 'ink';
import {footerKeys} from '../../source/ui/components/footer-keys.js';
import {KeyRouter, type Keymap} from '../../source/ui/hooks/key-router.js';
import {globalKeys, listKeys, withReasons, type KeyBinding} from '../../source/ui/keys.js';

const noKey = {} as Key;

test('a key reaches the top view first; one it uses up never reaches the views under it', (t) => {
	const router = new KeyRouter();
	const heard: string[] = [];
	router.subscribe({current: (input) => void heard.push(`screen ${input}`)}, 1);
	router.subscribe(
		{
			current: (input) => {
				heard.push(`dialog ${input}`);
				return input === 'y';
			},
		},
		2,
	);
	router.dispatch('y', noKey);
	router.dispatch('x', noKey);
	t.deepEqual(heard, ['dialog y', 'dialog x', 'screen x']);
});

test('every view at the same height hears a key before it goes lower', (t) => {
	const router = new KeyRouter();
	const heard: string[] = [];
	router.subscribe({current: () => void heard.push('app')}, 0);
	router.subscribe({current: () => void heard.push('list')}, 1);
	router.subscribe(
		{
			current: () => {
				heard.push('screen');
				return true;
			},
		},
		1,
	);
	router.dispatch('j', noKey);
	t.deepEqual([...heard].sort(), ['list', 'screen']);
});

const keymap = (bindings: ReadonlyArray<KeyBinding>, more: Partial<Keymap> = {}): Keymap => ({
	bindings,
	modal: false,
	typing: false,
	...more,
});

const hintsOf = (bindings: readonly KeyBinding[]) =>
	bindings.map((binding) => `${binding.label} ${binding.hint}`);

test('the footer shows the mode on top and stops below a modal view; ? help and q quit stay', (t) => {
	const confirm = keymap(
		[{command: 'yes', keys: [{text: 'y'}], label: 'y', description: 'yes', hint: 'yes'}],
		{modal: true},
	);
	const keys = footerKeys([confirm, keymap(listKeys), keymap(globalKeys)], [2, 1, 0]);
	t.deepEqual(hintsOf(keys.mode), ['y yes']);
	t.deepEqual(hintsOf(keys.always), ['? help', 'q quit']);
	t.is(keys.keymaps.length, 1, 'help lists only the question');
});

test('while a field takes text the footer drops letter keys and offers ctrl-c to quit', (t) => {
	const field = keymap(
		[{command: 'keep', keys: [{name: 'enter'}], label: 'enter', description: 'k', hint: 'keep'}],
		{typing: true},
	);
	const filters = keymap([
		{command: 'filter', keys: [{text: '/'}], label: '/', description: 'f', hint: 'filter'},
	]);
	const keys = footerKeys([field, filters, keymap(globalKeys)], [2, 1, 0]);
	t.deepEqual(hintsOf(keys.mode), ['enter keep', 'esc back']);
	t.deepEqual(hintsOf(keys.always), ['ctrl-c quit']);
});

test('a binding with a reason stays in the footer, marked disabled', (t) => {
	const screen = keymap(
		withReasons(
			[{command: 'download', keys: [{text: 'd'}], label: 'd', description: 'd', hint: 'download'}],
			{download: 'nothing is ready yet'},
		),
	);
	const [download] = footerKeys([screen], [1]).mode;
	t.is(download?.disabled, 'nothing is ready yet');
});
