import {unlink} from 'node:fs/promises';
import {eventLoopTurns} from '../event-loop-turns.js';
import type {KeyBounds} from '../key-order.js';
import {compactIndex} from './compaction.js';
import {foldJournal} from './journal-fold.js';
import type {IndexedObject} from './journal-records.js';
import {readJournals} from './journal.js';
import {newestSnapshot, scanIndexFiles, snapshotFile} from './index-files.js';
import {mergeIndexed, untrustedKeys} from './index-merge.js';
import {BrokenSnapshot, readSnapshotRange} from './snapshot-file.js';
import {readIndexedFile, walkObjects} from './walked-objects.js';

/** A journal this long (or a quarter of the snapshot, if more) is folded into a new snapshot. */
const compactAfterBytes = 256 * 1024;
/** Keys left untrusted (a crashed or overlapping write) are settled once writes have paused. */
const settleAfterMs = 10_000;
const attempts = 5;

type IndexRead =
	| {
			kind: 'read';
			objects: Iterable<IndexedObject>;
			snapshot: string;
			compact: boolean;
			close(): void;
	  }
	| {kind: 'missing' | 'moved'};

/** The objects within `bounds` as the snapshot and the journals after it say. */
async function readIndex(folder: string, bounds: KeyBounds): Promise<IndexRead> {
	const files = scanIndexFiles(folder);
	const base = newestSnapshot(files);
	if (base === undefined) return {kind: 'missing'};
	const journals = await readJournals(folder, files, base);
	if (!journals) return {kind: 'moved'};
	const path = snapshotFile(folder, base);
	let snapshot;
	try {
		snapshot = readSnapshotRange(path, bounds);
	} catch (error) {
		// Replaced by a compaction since the scan: start over. Unreadable: rebuild it.
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {kind: 'moved'};
		return {kind: 'missing'};
	}
	const states = foldJournal(journals.records);
	const long = journals.bytes > Math.max(compactAfterBytes, snapshot.bytes / 4);
	const unsettled = untrustedKeys(states) > 0 && Date.now() - journals.newestMs > settleAfterMs;
	return {
		kind: 'read',
		objects: mergeIndexed(snapshot.objects, states, bounds, (key) => readIndexedFile(folder, key)),
		snapshot: path,
		compact: long || unsettled,
		close: snapshot.close,
	};
}

/**
 * The objects of the container in `folder` within `bounds`, in listing order, from its index:
 * one read of the snapshot's blocks in range and of the journal, instead of opening every
 * object file. A missing or unreadable index is rebuilt from the files first; where it cannot
 * be (a read-only store), the files are walked as they are.
 */
export async function* listIndexed(
	folder: string,
	bounds: KeyBounds,
	signal?: AbortSignal,
): AsyncGenerator<IndexedObject> {
	let read: IndexRead | undefined;
	for (let attempt = 0; attempt < attempts; attempt++) {
		signal?.throwIfAborted();
		read = await readIndex(folder, bounds);
		if (read.kind === 'read' && !read.compact) break;
		if (read.kind === 'moved') continue;
		const compacted = await compactIndex(folder, read.kind === 'missing').catch(() => undefined);
		// A compaction that could not be written (a read-only store) is not an error.
		if (compacted === undefined) break;
		if (read.kind === 'read') read.close();
	}
	const turn = eventLoopTurns();
	let last: string | undefined;
	try {
		if (read?.kind === 'read') {
			for (const object of read.objects) {
				signal?.throwIfAborted();
				yield object;
				last = object.key;
				await turn();
			}
			return;
		}
	} catch (error) {
		if (!(error instanceof BrokenSnapshot) || read?.kind !== 'read') throw error;
		// A damaged snapshot: the next listing rebuilds it; this one goes on from the files.
		await unlink(read.snapshot).catch(() => undefined);
	}
	for await (const object of walkObjects(folder, {...bounds, marker: last ?? bounds.marker})) {
		signal?.throwIfAborted();
		yield object;
		await turn();
	}
}
