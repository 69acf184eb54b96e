import {readdirSync} from 'node:fs';
import {sep} from 'node:path';
import {performance} from 'node:perf_hooks';
import {setImmediate as nextTurn} from 'node:timers/promises';
import {decodeEntry, folderName} from './encoded-names.js';

export type ObjectFile = {key: string; path: string};

export type WalkBounds = {
	/** Only keys that start with this string (Swift's `prefix`). */
	prefix?: string;
	/** Only keys whose UTF-8 bytes sort after these (Swift's `marker`, exclusive). */
	marker?: string;
};

/**
 * A file or folder still to visit. `key` is the object's key, or for a folder what all keys in
 * it start with (its key path and a `/`); `prefix` and `marker` are what is left of the bounds
 * once `key` is taken off them, or empty and undefined when everything below `key` is in bounds.
 */
type Pending = {
	kind: 'object' | 'folder';
	key: string;
	path: string;
	prefix: string;
	marker: Buffer | undefined;
};

// Sync calls in batches, then a turn of the event loop, so a TUI above keeps drawing.
const turnAfterSteps = 200;
const turnAfterMs = 5;

/**
 * The object files of `containerFolder` within `bounds`, in Swift's listing order (the UTF-8
 * bytes of the key), read one folder at a time instead of collecting the whole tree. Folders it
 * cannot read, such as one deleted meanwhile, are skipped.
 */
export async function* walkInKeyOrder(
	containerFolder: string,
	bounds: WalkBounds = {},
): AsyncGenerator<ObjectFile> {
	const pending: Pending[] = [
		{
			kind: 'folder',
			key: '',
			path: containerFolder,
			prefix: bounds.prefix ?? '',
			marker: bounds.marker ? Buffer.from(bounds.marker) : undefined,
		},
	];
	let steps = 0;
	let since = performance.now();
	while (pending.length > 0) {
		const next = pending.pop()!;
		if (next.kind === 'object') yield {key: next.key, path: next.path};
		else {
			// Last child first: the stack pops them in key order. (No spread: a folder may be huge.)
			const children = childrenOf(next);
			for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
		}
		if (++steps >= turnAfterSteps || performance.now() - since >= turnAfterMs) {
			await nextTurn();
			steps = 0;
			since = performance.now();
		}
	}
}

/** The entries of `folder` that may hold keys in bounds, in key order. */
function childrenOf(folder: Pending): Pending[] {
	const slash = folder.prefix.indexOf('/');
	if (slash !== -1) {
		// Only one subfolder can hold keys with this prefix: go there without reading this one.
		const segment = folder.prefix.slice(0, slash);
		const child = bounded(folder, 'folder', segment, folderName(segment));
		return child ? [child.entry] : [];
	}
	let names: string[];
	try {
		names = readdirSync(folder.path);
	} catch {
		return [];
	}
	const children: Array<{entry: Pending; order: Buffer}> = [];
	for (const name of names) {
		const decoded = decodeEntry(name);
		const child = decoded && bounded(folder, decoded.kind, decoded.segment, name);
		if (child) children.push(child);
	}
	// A folder's keys all start with its segment and '/', and no segment holds a '/': sorting
	// siblings by that (a file by its segment) and going depth first yields keys in byte order.
	children.sort((a, b) => Buffer.compare(a.order, b.order));
	return children.map(({entry}) => entry);
}

/** The child `name` of `parent` with the bounds left below it, or undefined if all are out. */
function bounded(
	parent: Pending,
	kind: Pending['kind'],
	segment: string,
	name: string,
): {entry: Pending; order: Buffer} | undefined {
	const added = kind === 'folder' ? segment + '/' : segment;
	const order = Buffer.from(added);
	let {prefix, marker} = parent;
	if (added.startsWith(prefix)) prefix = '';
	else if (kind === 'folder' && prefix.startsWith(added)) prefix = prefix.slice(added.length);
	else return undefined;
	if (marker) {
		if (kind === 'folder' && startsWith(marker, order)) marker = marker.subarray(order.length);
		else if (Buffer.compare(order, marker) <= 0) return undefined;
		else marker = undefined;
	}
	const entry = {kind, key: parent.key + added, path: parent.path + sep + name, prefix, marker};
	return {entry, order};
}

function startsWith(bytes: Buffer, start: Buffer): boolean {
	return (
		bytes.length >= start.length && bytes.compare(start, 0, start.length, 0, start.length) === 0
	);
}
