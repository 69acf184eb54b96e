import {readdirSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {resolve} from 'node:path';

/** What tab did to a typed path: the new text, and the names to choose from when it is unclear. */
export type Completion = {
	value: string;
	/** More than one name fits and the common part is typed already: these are shown. */
	candidates: string[];
	/** Nothing fits, or the folder cannot be read: in words. */
	problem?: string;
};

export type CompletionPlaces = {cwd?: string; home?: string};

/**
 * Tab completion of a path as a shell does it: the folder part is kept as typed (`~` too), the
 * last part is completed among that folder's entries, a folder gets its `/`. Several matches:
 * their common beginning, and the list. Names starting with a dot only when the dot is typed.
 */
export function completePath(typed: string, places: CompletionPlaces = {}): Completion {
	const home = places.home ?? homedir();
	const slash = typed.lastIndexOf('/');
	const folderPart = slash === -1 ? '' : typed.slice(0, slash + 1);
	const prefix = typed.slice(slash + 1);
	if (folderPart === '' && prefix === '~') return {value: '~/', candidates: []};
	const expanded = folderPart.replace(/^~(?=\/)/u, home);
	const folder = resolve(places.cwd ?? process.cwd(), expanded === '' ? '.' : expanded);
	let names: string[];
	try {
		names = readdirSync(folder);
	} catch (error) {
		return {
			value: typed,
			candidates: [],
			problem: `${folderPart || './'} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
		};
	}

	const matches = names
		.filter((name) => name.startsWith(prefix) && (prefix.startsWith('.') || !name.startsWith('.')))
		.sort();
	if (matches.length === 0) {
		return {
			value: typed,
			candidates: [],
			problem: `Nothing in ${folderPart || './'} starts with ${prefix}.`,
		};
	}

	const marked = matches.map((name) => (isFolder(resolve(folder, name)) ? `${name}/` : name));
	if (marked.length === 1) return {value: folderPart + marked[0], candidates: []};
	const common = commonPrefix(matches);
	return {
		value: folderPart + common,
		// Already as far as it goes: the choices are shown, as a second tab in a shell does.
		candidates: common.length > prefix.length ? [] : marked,
	};
}

function isFolder(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}

function commonPrefix(names: readonly string[]): string {
	let common = names[0] ?? '';
	for (const name of names) {
		while (!name.startsWith(common)) common = common.slice(0, -1);
	}

	return common;
}
