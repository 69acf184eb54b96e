import {recordKey, type IndexedObject, type JournalRecord} from './journal-records.js';

/**
 * What the journal says of one key: trusted (the object, or undefined when it was deleted), or
 * not (the listing must read the key's file to know).
 */
export type KeyState = {trusted: true; object: IndexedObject | undefined} | {trusted: false};

type Write = {id: string; key: string; object: IndexedObject | undefined; overlapped: boolean};

/**
 * Folds journal records, in the order they were appended, into the state of each key they
 * touch. A write's result is trusted only when no other write of the same key was running
 * between its intent and its `done`: then every earlier write of the key had renamed its file
 * before this one began (its `done` came first), and this one's rename was the last. Writes
 * that overlapped, an intent with no `done` (a crash, or a write still running), a `done` with
 * no intent (a lost line) or an intent seen twice (a record appended again after its journal
 * was sealed) leave the key untrusted until a later clean write or a compaction reads it.
 */
export function foldJournal(records: Iterable<JournalRecord>): Map<string, KeyState> {
	const states = new Map<string, KeyState>();
	const running = new Map<string, Write>();
	const runningByKey = new Map<string, Write[]>();
	const seen = new Set<string>();
	const distrust = (key: string) => states.set(key, {trusted: false});

	for (const record of records) {
		const key = recordKey(record);
		if (record.kind === 'put' || record.kind === 'delete') {
			const others = runningByKey.get(key) ?? [];
			const write: Write = {
				id: record.id,
				key,
				object: record.kind === 'put' ? record.object : undefined,
				overlapped: others.length > 0 || seen.has(record.id),
			};
			for (const other of others) other.overlapped = true;
			if (write.overlapped) distrust(key);
			seen.add(record.id);
			running.set(record.id, write);
			runningByKey.set(key, [...others, write]);
			continue;
		}
		const write = running.get(record.id);
		if (!write || write.key !== key) {
			// A `done` whose intent is lost: some write changed the key. An orphan abort changed nothing.
			if (record.kind === 'done') distrust(key);
			continue;
		}
		running.delete(record.id);
		const left = runningByKey.get(key)!.filter((other) => other !== write);
		if (left.length > 0) runningByKey.set(key, left);
		else runningByKey.delete(key);
		if (record.kind === 'abort') continue;
		if (write.overlapped) distrust(key);
		else states.set(key, {trusted: true, object: write.object});
	}
	for (const write of running.values()) distrust(write.key);
	return states;
}
