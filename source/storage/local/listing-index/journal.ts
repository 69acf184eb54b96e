import {constants} from 'node:fs';
import {closeSync, fstatSync, openSync, statSync, writeSync} from 'node:fs';
import {readFile, stat} from 'node:fs/promises';
import {encodeRecord, decodeJournal, type JournalRecord} from './journal-records.js';
import {
	journalFile,
	liveJournal,
	nextNumber,
	scanIndexFiles,
	type IndexFiles,
} from './index-files.js';

const appendOnly = constants.O_WRONLY | constants.O_APPEND;

/**
 * Appends `record` to the container's live journal (creating one when there is none), then
 * checks that it landed in the live journal: a compaction may have sealed that journal, or a
 * newer one may have appeared, between finding it and writing. If so it appends the record
 * again where it now belongs; the copy left behind is harmless (see foldJournal). One write()
 * per record, with O_APPEND: on a local file system appends of two processes do not interleave.
 * Sync calls: these are a few µs each, and awaiting each would cost a turn of the event loop.
 */
export function appendRecord(folder: string, record: JournalRecord): void {
	const line = encodeRecord(record);
	for (let attempt = 0; attempt < 8; attempt++) {
		const before = scanIndexFiles(folder);
		const live = liveJournal(before);
		const number = live ?? nextNumber(before);
		const path = journalFile(folder, number);
		let fd: number;
		try {
			fd = openSync(path, live === undefined ? 'a' : appendOnly, 0o600);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // sealed meanwhile
			throw error;
		}
		let inode: number;
		try {
			writeSync(fd, line);
			inode = fstatSync(fd).ino;
		} finally {
			closeSync(fd);
		}
		if (landed(folder, number, inode)) return;
	}
	throw new Error('The index journal kept moving while a write was recorded');
}

/** Whether journal `number` is still the live one, the file written to, and nothing is newer. */
function landed(folder: string, number: number, inode: number): boolean {
	const files = scanIndexFiles(folder);
	if (liveJournal(files) !== number || nextNumber(files) !== number + 1) return false;
	if (files.journals.some((journal) => journal.number === number && journal.sealed)) return false;
	return statSync(journalFile(folder, number), {throwIfNoEntry: false})?.ino === inode;
}

export type JournalText = {records: JournalRecord[]; bytes: number; newestMs: number};

/**
 * The records of every journal numbered `from` or more, in order. Undefined if one vanished
 * between the scan and the read (a compaction sealed or removed it): the caller starts over.
 */
export async function readJournals(
	folder: string,
	files: IndexFiles,
	from: number,
): Promise<JournalText | undefined> {
	const records: JournalRecord[] = [];
	let bytes = 0;
	let newestMs = 0;
	for (const journal of files.journals) {
		if (journal.number < from) continue;
		const path = journalFile(folder, journal.number, journal.sealed);
		let text: string;
		try {
			const [content, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
			text = content;
			newestMs = Math.max(newestMs, info.mtimeMs);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			throw error;
		}
		bytes += text.length;
		for (const record of decodeJournal(text)) records.push(record);
	}
	return {records, bytes, newestMs};
}
