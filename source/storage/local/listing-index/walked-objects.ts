import {join} from 'node:path';
import {objectPath} from '../encoded-names.js';
import type {KeyBounds} from '../key-order.js';
import {lastModifiedOf, readObjectFileSync, type StoredObject} from '../object-file.js';
import {walkInKeyOrder} from '../ordered-walk.js';
import type {IndexedObject} from './journal-records.js';

export function indexedObject(key: string, stored: StoredObject): IndexedObject {
	const {segments, etag: hash, contentType} = stored.trailer;
	const bytes = segments
		? segments.reduce((total, segment) => total + segment.bytes, 0)
		: stored.bodyBytes;
	const lastModified = lastModifiedOf(stored.mtimeMs);
	return {kind: 'object', key, bytes, hash, lastModified, contentType};
}

function isMissing(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The object `key` as its file says now, or undefined if there is none. */
export function readIndexedFile(folder: string, key: string): IndexedObject | undefined {
	try {
		return indexedObject(key, readObjectFileSync(join(folder, ...objectPath(key))));
	} catch (error) {
		if (isMissing(error)) return undefined;
		throw error;
	}
}

/**
 * The objects of a container folder within `bounds`, in listing order, read from their files
 * (each one opened for its trailer): how the index is rebuilt, and the listing when it cannot be.
 */
export async function* walkObjects(
	folder: string,
	bounds: KeyBounds = {},
): AsyncGenerator<IndexedObject> {
	// Sync trailer reads: the walk hands the event loop a turn every few ms, these included.
	for await (const file of walkInKeyOrder(folder, bounds)) {
		let stored: StoredObject;
		try {
			stored = readObjectFileSync(file.path);
		} catch (error) {
			if (isMissing(error)) continue; // deleted since its folder was read
			throw error;
		}
		yield indexedObject(file.key, stored);
	}
}
