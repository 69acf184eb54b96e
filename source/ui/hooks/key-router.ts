import type {Key} from 'ink';
import type {KeyBinding} from '../keys.js';

type Handler = {current: (input: string, key: Key) => boolean | void};

/** What a view offers at the moment: its keys, and how it treats the others. */
export type Keymap = {
	/** What the help screen calls this group of keys ("this screen", "filter"). */
	title?: string;
	bindings: ReadonlyArray<KeyBinding>;
	/** Keys it has no binding for do not reach the views under it (a dialog, a form). */
	modal: boolean;
	/** It takes typed text: letters are text, so `?` and `q` are not commands here. */
	typing: boolean;
};

export type PublishedKeymap = {
	update: (keymap: Keymap) => void;
	replace: (keymap: Keymap) => void;
	remove: () => void;
};

type Placed<Item> = {item: Item; depth: number; serial: number};

/**
 * The keymap stack. Handlers sit at depths (key-layer heights); a key goes to every handler at
 * the highest depth, and on down only while none of them used it up. The keymaps views publish
 * are kept in the same order, for the footer and the help screen.
 */
export class KeyRouter {
	private readonly handlers = new Set<Placed<Handler>>();
	private readonly keymaps = new Set<Placed<Keymap>>();
	private readonly listeners = new Set<() => void>();
	private serial = 0;

	subscribe(handler: Handler, depth: number): () => void {
		const placed = {item: handler, depth, serial: this.serial++};
		this.handlers.add(placed);
		return () => this.handlers.delete(placed);
	}

	dispatch(input: string, key: Key): void {
		const ordered = topFirst(this.handlers);
		for (let index = 0; index < ordered.length;) {
			const depth = ordered[index]!.depth;
			let used = false;
			for (; index < ordered.length && ordered[index]!.depth === depth; index++)
				if (ordered[index]!.item.current(input, key) === true) used = true;
			if (used) return;
		}
	}

	/**
	 * Shows `keymap` until removed; `update` changes it in place (the footer keeps its order) and
	 * redraws what shows it, `replace` changes it without a redraw (a detail nothing on screen
	 * shows now, read the next time the help opens).
	 */
	publish(keymap: Keymap, depth: number): PublishedKeymap {
		const placed = {item: keymap, depth, serial: this.serial++};
		this.keymaps.add(placed);
		this.changed();
		return {
			update: (next) => {
				placed.item = next;
				this.changed();
			},
			replace: (next) => {
				placed.item = next;
			},
			remove: () => {
				this.keymaps.delete(placed);
				this.changed();
			},
		};
	}

	/**
	 * The published keymaps from the top: by depth, and at one depth in the order they
	 * appeared (a list's keys before those of the screen around it).
	 */
	current(): Keymap[] {
		return [...this.keymaps]
			.sort((a, b) => b.depth - a.depth || a.serial - b.serial)
			.map((placed) => placed.item);
	}

	/** The depth of each published keymap, in the order of `current()`. */
	depths(): number[] {
		return [...this.keymaps]
			.sort((a, b) => b.depth - a.depth || a.serial - b.serial)
			.map((placed) => placed.depth);
	}

	listen(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private changed(): void {
		for (const listener of this.listeners) listener();
	}
}

/** Highest depth first; at one depth, the most recent first. */
function topFirst<Item>(placed: ReadonlySet<Placed<Item>>): Array<Placed<Item>> {
	return [...placed].sort((a, b) => b.depth - a.depth || b.serial - a.serial);
}
