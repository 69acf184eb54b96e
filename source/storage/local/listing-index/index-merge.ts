import {compareKeys, inBounds, type KeyBounds} from '../key-order.js';
import type {IndexedObject} from './journal-records.js';
import type {KeyState} from './journal-fold.js';

/**
 * A snapshot's objects (sorted, within `bounds`) with the journal's changes laid over them, in
 * listing order. A key the journal leaves untrusted is read from its file by `readFile`.
 */
export function* mergeIndexed(
	snapshot: Iterable<IndexedObject>,
	states: Map<string, KeyState>,
	bounds: KeyBounds,
	readFile: (key: string) => IndexedObject | undefined,
): Generator<IndexedObject> {
	const changed = [...states.keys()].filter((key) => inBounds(key, bounds)).sort(compareKeys);
	const resolve = (key: string): IndexedObject | undefined => {
		const state = states.get(key)!;
		return state.trusted ? state.object : readFile(key);
	};
	let next = 0;
	for (const object of snapshot) {
		while (next < changed.length && compareKeys(changed[next]!, object.key) < 0) {
			const added = resolve(changed[next++]!);
			if (added) yield added;
		}
		if (next < changed.length && changed[next] === object.key) {
			const replaced = resolve(changed[next++]!);
			if (replaced) yield replaced;
			continue;
		}
		yield object;
	}
	while (next < changed.length) {
		const added = resolve(changed[next++]!);
		if (added) yield added;
	}
}

export function untrustedKeys(states: Map<string, KeyState>): number {
	let count = 0;
	for (const state of states.values()) if (!state.trusted) count++;
	return count;
}
