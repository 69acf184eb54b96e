import {readdirSync} from 'node:fs';
import {unlink} from 'node:fs/promises';
import {join} from 'node:path';

/**
 * The files of a container's listing index, next to its objects in the container folder (the
 * walk ignores them: object and folder names start with `o~` and `d~`).
 *
 * - `index~snapshot-N`: every object as of the moment journal N-1 was sealed (sorted).
 * - `index~journal-N`: the live journal, appended to by every write; at most one is meant to
 *   be live, the highest. `index~journal-N.sealed`: a journal being (or left half) compacted.
 * - `index~tmp-…`: a snapshot being written.
 */
const prefix = 'index~';
const snapshotName = /^index~snapshot-(\d+)$/u;
const journalName = /^index~journal-(\d+)(\.sealed)?$/u;

export const snapshotFile = (folder: string, number: number) =>
	join(folder, `${prefix}snapshot-${number}`);
export const journalFile = (folder: string, number: number, sealed = false) =>
	join(folder, `${prefix}journal-${number}${sealed ? '.sealed' : ''}`);
export const temporaryFile = (folder: string, id: string) => join(folder, `${prefix}tmp-${id}`);

export type JournalName = {number: number; sealed: boolean};

export type IndexFiles = {
	snapshots: number[];
	journals: JournalName[];
	temporaries: string[];
};

/** The index files in a container folder (sync: a few µs, where an awaited readdir waits a turn). */
export function scanIndexFiles(folder: string): IndexFiles {
	const files: IndexFiles = {snapshots: [], journals: [], temporaries: []};
	for (const name of readdirSync(folder)) {
		if (!name.startsWith(prefix)) continue;
		const snapshot = snapshotName.exec(name);
		const journal = journalName.exec(name);
		if (snapshot) files.snapshots.push(Number(snapshot[1]));
		else if (journal) files.journals.push({number: Number(journal[1]), sealed: !!journal[2]});
		else if (name.startsWith(`${prefix}tmp-`)) files.temporaries.push(name);
	}
	files.snapshots.sort((a, b) => a - b);
	// By number; of two with one number (a writer recreated a sealed name), the sealed one first.
	files.journals.sort((a, b) => a.number - b.number || Number(b.sealed) - Number(a.sealed));
	return files;
}

export const newestSnapshot = (files: IndexFiles) => files.snapshots.at(-1);

export function liveJournal(files: IndexFiles): number | undefined {
	return files.journals.filter((journal) => !journal.sealed).at(-1)?.number;
}

/** The number a new journal or snapshot takes: above every index file there is. */
export function nextNumber(files: IndexFiles): number {
	const numbers = [...files.snapshots, ...files.journals.map((journal) => journal.number)];
	return numbers.length === 0 ? 0 : Math.max(...numbers) + 1;
}

/** Removes every index file: the next listing rebuilds the index from the object files. */
export async function forgetIndex(folder: string): Promise<void> {
	const files = scanIndexFiles(folder);
	const paths = [
		...files.snapshots.map((number) => snapshotFile(folder, number)),
		...files.journals.map(({number, sealed}) => journalFile(folder, number, sealed)),
		...files.temporaries.map((name) => join(folder, name)),
	];
	await Promise.all(paths.map((path) => unlink(path).catch(() => undefined)));
}
