import type {Key} from 'ink';
import {createContext, useContext, useLayoutEffect, useRef} from 'react';
import {keyMatches, type KeyBinding} from '../keys.js';
import type {Keymap, PublishedKeymap} from './key-router.js';
import {useKeyDepth, useKeyRouter, useKeys, useKeysActive, type KeyHandler} from './use-keys.js';

/** Shows a one-line notice under the screen until the next key ("d: nothing is ready yet"). */
export const FlashContext = createContext<(text: string) => void>(() => undefined);

export type KeymapOptions = {
	isActive?: boolean;
	/** The help screen's heading for these keys. */
	title?: string;
	/** Keys without a binding stop here (a dialog, a form), except quitting and help. */
	modal?: boolean;
	/** Typed text goes to a field: only Ctrl-C passes through to quit. */
	typing?: boolean;
	/** Keys no binding matched, before `modal` decides whether they go on down. */
	other?: KeyHandler;
};

const isCtrlC = (input: string, key: Key) => key.ctrl && input === 'c';
const passesModal = (input: string, key: Key, typing: boolean) =>
	isCtrlC(input, key) || (!typing && !key.ctrl && !key.meta && (input === 'q' || input === '?'));

/**
 * A view's keys, from its binding table: the view sees a key before the views under it, a
 * binding it matches runs `onCommand` and uses the key up. A binding that carries a `disabled`
 * reason runs nothing: the reason is flashed in one line instead ("d: nothing is ready yet").
 * While active, the bindings are published for the footer and the help screen.
 */
export function useKeymap<Command extends string>(
	bindings: ReadonlyArray<KeyBinding<Command>>,
	onCommand: (command: Command, input: string, key: Key) => void,
	options: KeymapOptions = {},
): void {
	const {modal = false, typing = false, other} = options;
	const flash = useContext(FlashContext);
	useKeys(
		(input, key) => {
			const binding = bindings.find((candidate) =>
				candidate.keys.some((spec) => keyMatches(spec, input, key)),
			);
			if (binding) {
				if (binding.disabled) flash(`${binding.label || keyName(binding)}: ${binding.disabled}`);
				else onCommand(binding.command, input, key);
				return true;
			}
			if (other?.(input, key) === true) return true;
			return modal && !passesModal(input, key, typing);
		},
		{isActive: options.isActive},
	);
	usePublishedKeymap({title: options.title, bindings, modal, typing}, options.isActive);
}

function keyName(binding: KeyBinding): string {
	const [spec] = binding.keys;
	return spec === undefined ? '' : 'name' in spec ? spec.name : spec.text;
}

/** Publishes a keymap for the footer and help while the view is active, and follows changes. */
export function usePublishedKeymap(keymap: Keymap, isActive?: boolean): void {
	const router = useKeyRouter();
	const depth = useKeyDepth();
	const active = useKeysActive(isActive);
	const latest = useRef(keymap);
	latest.current = keymap;
	const entry = useRef<PublishedKeymap | undefined>(undefined);
	useLayoutEffect(() => {
		if (!router || !active) return undefined;
		const published = router.publish(latest.current, depth);
		entry.current = published;
		return () => {
			entry.current = undefined;
			published.remove();
		};
	}, [router, active, depth]);
	// Tables are rebuilt every render; the footer redraws only when what it shows changes. A
	// disabled key's reason follows the cursor (it names the row's biobanks) but shows only in the
	// help and a flash: a new reason alone is kept without a redraw, so a cursor move costs one
	// render, not two (the second one doubled the time from ↓ to its frame).
	const signature = JSON.stringify([
		keymap.title,
		keymap.bindings.map((binding) => [
			binding.label,
			binding.hint,
			binding.description,
			binding.disabled !== undefined,
		]),
		keymap.modal,
		keymap.typing,
	]);
	const shown = useRef(signature);
	useLayoutEffect(() => {
		if (shown.current === signature) entry.current?.replace(latest.current);
		else entry.current?.update(latest.current);
		shown.current = signature;
	});
}
