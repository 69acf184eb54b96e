import {rename, stat, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import type {IndexedObject} from './journal-records.js';
import {foldJournal} from './journal-fold.js';
import {readJournals} from './journal.js';
import {
	journalFile,
	liveJournal,
	newestSnapshot,
	nextNumber,
	scanIndexFiles,
	snapshotFile,
	type IndexFiles,
} from './index-files.js';
import {mergeIndexed} from './index-merge.js';
import {readSnapshotRange, writeSnapshot} from './snapshot-file.js';
import {readIndexedFile, walkObjects} from './walked-objects.js';

const staleTemporaryMs = 60 * 60 * 1000;

/**
 * Folds the live journal into a new snapshot (or, with `rebuild`, makes the snapshot from the
 * object files). Sealing the journal (renaming it) is what makes one compaction the only one:
 * a second finds nothing to seal, or fails to rename it, and stops. Writers that appended to
 * the sealed journal after it was read see it gone and append again to the next (appendRecord).
 * Returns false if another compaction got there first or moved files under this one.
 */
export async function compactIndex(folder: string, rebuild: boolean): Promise<boolean> {
	const before = scanIndexFiles(folder);
	const live = liveJournal(before);
	if (live !== undefined) {
		try {
			await rename(journalFile(folder, live), journalFile(folder, live, true));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
			throw error;
		}
	}
	const target = live === undefined ? nextNumber(before) : live + 1;
	const files = scanIndexFiles(folder);
	const base = newestSnapshot(files);
	let objects: Iterable<IndexedObject> | AsyncIterable<IndexedObject>;
	if (rebuild || base === undefined || base >= target) {
		// Every write recorded before the seal has renamed its file: the walk sees them all.
		objects = walkObjects(folder);
	} else {
		const folded = await foldedSince(folder, files, base, target);
		if (!folded) return false;
		objects = folded;
	}
	await writeSnapshot(folder, snapshotFile(folder, target), await collect(objects));
	await removeOlderThan(folder, scanIndexFiles(folder), target);
	return true;
}

async function foldedSince(
	folder: string,
	files: IndexFiles,
	base: number,
	target: number,
): Promise<Iterable<IndexedObject> | undefined> {
	const journals = {...files, journals: files.journals.filter((j) => j.number < target)};
	const text = await readJournals(folder, journals, base);
	if (!text) return undefined;
	let snapshot;
	try {
		snapshot = readSnapshotRange(snapshotFile(folder, base), {});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
	const states = foldJournal(text.records);
	return mergeIndexed(snapshot.objects, states, {}, (key) => readIndexedFile(folder, key));
}

async function collect(
	objects: Iterable<IndexedObject> | AsyncIterable<IndexedObject>,
): Promise<IndexedObject[]> {
	const all: IndexedObject[] = [];
	for await (const object of objects) all.push(object);
	return all;
}

/** Snapshots and journals that `target` covers, and temp files left by a crash long ago. */
async function removeOlderThan(folder: string, files: IndexFiles, target: number): Promise<void> {
	const paths = [
		...files.snapshots.filter((n) => n < target).map((n) => snapshotFile(folder, n)),
		...files.journals
			.filter((journal) => journal.number < target)
			.map((journal) => journalFile(folder, journal.number, journal.sealed)),
	];
	for (const name of files.temporaries) {
		const info = await stat(join(folder, name)).catch(() => undefined);
		if (info && Date.now() - info.mtimeMs > staleTemporaryMs) paths.push(join(folder, name));
	}
	await Promise.all(paths.map((path) => unlink(path).catch(() => undefined)));
}
