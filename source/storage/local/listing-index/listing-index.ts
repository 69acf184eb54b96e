import {eventLoopTurns} from '../event-loop-turns.js';
import type {KeyBounds} from '../key-order.js';
import {compactIndex} from './compaction.js';
import {foldJournal} from './journal-fold.js';
import type {IndexedObject} from './journal-records.js';
import {readJournals} from './journal.js';
import {newestSnapshot, scanIndexFiles, snapshotFile} from './index-files.js';
import {mergeIndexed, untrustedKeys} from './index-merge.js';
import {readSnapshotRange} from './snapshot-file.js';
import {readIndexedFile, walkObjects} from './walked-objects.js';

/** A journal this long (or a quarter of the snapshot, if more) is folded into a new snapshot. */
const compactAfterBytes = 256 * 1024;
/** Keys left untrusted (a crashed or overlapping write) are settled once writes have paused. */
const settleAfterMs = 10_000;
const attempts = 5;

type IndexRead =
	{kind: 'read'; objects: Iterable<IndexedObject>; compact: boolean} | {kind: 'missing' | 'moved'};

/** The objects within `bounds` as the snapshot and the journals after it say. */
async function readIndex(folder: string, bounds: KeyBounds): Promise<IndexRead> {
	const files = scanIndexFiles(folder);
	const base = newestSnapshot(files);
	if (base === undefined) return {kind: 'missing'};
	const journals = await readJournals(folder, files, base);
	if (!journals) return {kind: 'moved'};
	let snapshot;
	try {
		snapshot = readSnapshotRange(snapshotFile(folder, base), bounds);
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
		compact: long || unsettled,
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
	let objects: Iterable<IndexedObject> | AsyncIterable<IndexedObject> | undefined;
	for (let attempt = 0; attempt < attempts && !objects; attempt++) {
		signal?.throwIfAborted();
		const read = await readIndex(folder, bounds);
		if (read.kind === 'read' && !read.compact) objects = read.objects;
		else if (read.kind === 'moved') continue;
		else {
			const compacted = await compactIndex(folder, read.kind === 'missing').catch(() => undefined);
			// A compaction that could not be written (a read-only store) is not an error.
			if (compacted === undefined && read.kind === 'read') objects = read.objects;
			else if (compacted === undefined) break;
		}
	}
	yield* withTurns(objects ?? walkObjects(folder, bounds), signal);
}

async function* withTurns(
	objects: Iterable<IndexedObject> | AsyncIterable<IndexedObject>,
	signal?: AbortSignal,
): AsyncGenerator<IndexedObject> {
	const turn = eventLoopTurns();
	for await (const object of objects) {
		signal?.throwIfAborted();
		yield object;
		await turn();
	}
}
