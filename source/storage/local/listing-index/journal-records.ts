import type {ListedObject} from '../../store.js';

/**
 * What the index knows of one object: the row a listing returns for it, made once when the
 * index is read and handed on as it is. `lastModified` is the file's mtime, as `head` reports.
 */
export type IndexedObject = ListedObject;

/**
 * One line of a journal. A write appends its intent (`put`, `delete`) before it renames or
 * unlinks the object file, and `done` or `abort` after: an intent without its `done` is a write
 * that crashed, or is still running, and the key is read from its file instead.
 */
export type JournalRecord =
	| {kind: 'put'; id: string; object: IndexedObject}
	| {kind: 'delete'; id: string; key: string}
	| {kind: 'done' | 'abort'; id: string; key: string};

export function recordKey(record: JournalRecord): string {
	return record.kind === 'put' ? record.object.key : record.key;
}

const tags = {delete: 'd', done: 'c', abort: 'a'} as const;
const kinds = {d: 'delete', c: 'done', a: 'abort'} as const;

export function encodeRecord(record: JournalRecord): string {
	const fields =
		record.kind === 'put'
			? [
					'p',
					record.id,
					record.object.key,
					record.object.bytes,
					record.object.hash,
					record.object.lastModified,
					record.object.contentType,
				]
			: [tags[record.kind], record.id, record.key];
	return JSON.stringify(fields) + '\n';
}

function decodeLine(line: string): JournalRecord | undefined {
	let fields: unknown;
	try {
		fields = JSON.parse(line);
	} catch {
		return undefined;
	}
	if (!Array.isArray(fields) || typeof fields[1] !== 'string' || typeof fields[2] !== 'string')
		return undefined;
	const [tag, id, key] = fields as [unknown, string, string];
	if (tag === 'p' && fields.length === 7) {
		const [, , , bytes, hash, lastModified, contentType] = fields as unknown[];
		if (typeof bytes !== 'number' || typeof hash !== 'string' || typeof lastModified !== 'string')
			return undefined;
		if (typeof contentType !== 'string') return undefined;
		return {kind: 'put', id, object: {kind: 'object', key, bytes, hash, lastModified, contentType}};
	}
	if ((tag === 'd' || tag === 'c' || tag === 'a') && fields.length === 3)
		return {kind: kinds[tag], id, key};
	return undefined;
}

/**
 * The records of a journal's text. A line that does not parse (a crash in the middle of an
 * append, or an append that ran into such a fragment) is skipped: whatever write it held then
 * lacks its intent or its `done`, and its key is read from the file.
 */
export function decodeJournal(text: string): JournalRecord[] {
	const records: JournalRecord[] = [];
	for (const line of text.split('\n')) {
		if (line.length === 0) continue;
		const record = decodeLine(line);
		if (record) records.push(record);
	}
	return records;
}
