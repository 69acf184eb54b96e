import {readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {decodeEntry} from './encoded-names.js';

export type KeyFile = {key: string; path: string};

/** Every object key under `folder` (whose keys start with `base`), depth first, unsorted. */
export async function walkKeys(folder: string, base: string): Promise<KeyFile[]> {
	const found: KeyFile[] = [];
	const pending: Array<{folder: string; base: string}> = [{folder, base}];
	while (pending.length > 0) {
		const next = pending.pop()!;
		let names: string[];
		try {
			names = await readdir(next.folder);
		} catch {
			continue;
		}
		for (const name of names) {
			const entry = decodeEntry(name);
			if (entry?.kind === 'object')
				found.push({key: next.base + entry.segment, path: join(next.folder, name)});
			if (entry?.kind === 'folder')
				pending.push({folder: join(next.folder, name), base: next.base + entry.segment + '/'});
		}
	}
	return found;
}

/** Swift orders listings by the UTF-8 bytes of the names. */
export function sortByUtf8<T extends {key: string}>(entries: T[]): T[] {
	const withBytes = entries.map((entry) => ({entry, bytes: Buffer.from(entry.key, 'utf8')}));
	withBytes.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
	return withBytes.map(({entry}) => entry);
}
