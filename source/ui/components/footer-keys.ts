import type {Keymap} from '../hooks/key-router.js';
import type {KeyBinding} from '../keys.js';

export type FooterKeys = {
	/** The keys of the mode on top, and of the views under it until one that is modal. */
	mode: KeyBinding[];
	/** Always shown, at the right: `? help  q quit`, or `ctrl-c quit` while text is typed. */
	always: KeyBinding[];
	/** The keymaps the mode is made of, top first: what the help screen lists. */
	keymaps: Keymap[];
};

const help: KeyBinding = {
	command: 'help',
	keys: [{text: '?'}],
	label: '?',
	description: 'show or hide the help',
	hint: 'help',
};
const quit: KeyBinding = {
	command: 'quit',
	keys: [{text: 'q'}],
	label: 'q',
	description: 'quit',
	hint: 'quit',
};
const ctrlCQuit: KeyBinding = {
	command: 'quit',
	keys: [{name: 'ctrl-c'}],
	label: 'ctrl-c',
	description: 'quit',
	hint: 'quit',
};

/** What the footer shows for the published keymaps (top first, as the key router gives them). */
export function footerKeys(keymaps: readonly Keymap[], depths: readonly number[]): FooterKeys {
	const shown: Keymap[] = [];
	let stopAt: number | undefined;
	keymaps.forEach((keymap, index) => {
		const depth = depths[index] ?? 0;
		if (stopAt !== undefined && depth < stopAt) return;
		shown.push(keymap);
		if (keymap.modal) stopAt = depth;
	});
	const typing = shown.some((keymap) => keymap.typing);
	const always = typing ? [ctrlCQuit] : [help, quit];
	const labels = new Set(always.map((binding) => binding.label));
	const said = new Set(always.map((binding) => binding.command));
	const mode: KeyBinding[] = [];
	for (const binding of shown.flatMap((keymap) => keymap.bindings)) {
		if (binding.hint === undefined || binding.label === '' || labels.has(binding.label)) continue;
		if (said.has(binding.command)) continue;
		// While a field takes text, a letter is text: bindings made only of letters cannot run.
		if (typing && binding.keys.every((spec) => 'text' in spec)) continue;
		labels.add(binding.label);
		mode.push(binding);
	}
	return {mode, always, keymaps: shown};
}

/** A fixed footer for a screen outside the app's key router (the sign-in screen). */
export function fixedFooterKeys(bindings: readonly KeyBinding[]): FooterKeys {
	return {
		mode: bindings.filter((binding) => binding.hint !== undefined && binding.label !== ''),
		always: [],
		keymaps: [],
	};
}
