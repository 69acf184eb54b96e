import {randomUUID} from 'node:crypto';
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {open, rename, rm} from 'node:fs/promises';
import {compareKeys, pastBounds, type KeyBounds} from '../key-order.js';
import type {IndexedObject} from './journal-records.js';
import {temporaryFile} from './index-files.js';

/**
 * A snapshot: one line per object, sorted in listing order (`key TAB bytes TAB hash TAB
 * last-modified TAB number of its content type`), then a JSON footer and its length in ten digits. The footer names
 * the first key of every block of lines, so that a listing of one folder reads only the blocks
 * that can hold it, not the whole index of the container.
 */
type Footer = {
	format: 'ivjm-local-index';
	version: 1;
	objects: number;
	contentTypes: string[];
	/** [first key, byte offset of its line]; the lines end where the footer begins. */
	blocks: Array<[string, number]>;
	linesEnd: number;
};

const defaultLinesPerBlock = 1024;
const lengthDigits = 10;

// Keys and content types may hold any character: the field and line separators, `%` and other
// control characters are written as %XX (their UTF-8 bytes).
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const unsafe = /[%\u0000-\u001F\u007F]/gu;
const escapeField = (text: string) =>
	text.replaceAll(unsafe, (char) => '%' + char.charCodeAt(0).toString(16).padStart(2, '0'));
const unescapeField = (text: string) => (text.includes('%') ? decodeURIComponent(text) : text);

/** Writes `objects` (sorted in listing order) as the snapshot at `path`, atomically. */
export async function writeSnapshot(
	folder: string,
	path: string,
	objects: Iterable<IndexedObject>,
	linesPerBlock = defaultLinesPerBlock,
): Promise<void> {
	const temporary = temporaryFile(folder, randomUUID());
	const contentTypes = new Map<string, number>();
	const blocks: Footer['blocks'] = [];
	const file = await open(temporary, 'wx', 0o600);
	try {
		let offset = 0;
		let count = 0;
		let pending: string[] = [];
		const flush = async () => {
			const chunk = Buffer.from(pending.join(''));
			pending = [];
			await file.write(chunk);
			offset += chunk.length;
		};
		for (const object of objects) {
			let type = contentTypes.get(object.contentType);
			if (type === undefined) contentTypes.set(object.contentType, (type = contentTypes.size));
			const line = `${escapeField(object.key)}\t${object.bytes}\t${object.hash}\t${object.lastModified}\t${type}\n`;
			if (count % linesPerBlock === 0) {
				await flush();
				blocks.push([object.key, offset]);
			}
			pending.push(line);
			count++;
		}
		await flush();
		const footer: Footer = {
			format: 'ivjm-local-index',
			version: 1,
			objects: count,
			contentTypes: [...contentTypes.keys()],
			blocks,
			linesEnd: offset,
		};
		const json = Buffer.from(JSON.stringify(footer));
		await file.write(
			Buffer.concat([json, Buffer.from(String(json.length).padStart(lengthDigits, '0'))]),
		);
		await file.close();
		await rename(temporary, path);
	} catch (error) {
		await file.close().catch(() => undefined);
		throw error;
	} finally {
		await rm(temporary, {force: true});
	}
}

export type SnapshotRange = {
	objects: Iterable<IndexedObject>;
	bytes: number;
	/** Closes the file; iterating to the end (or stopping early) closes it too. */
	close(): void;
};

/** A snapshot whose lines do not read: its listing goes on from the files. */
export class BrokenSnapshot extends Error {}

/**
 * The objects of the snapshot at `path` within `bounds`, in listing order, made as they are
 * iterated, one block of lines read at a time (a whole range of 10,000 jobs is about 20 MiB; a
 * block about 100 KiB). The file stays open until the iteration ends or `close`, so a
 * compaction that replaces it meanwhile changes nothing read. Throws if the file is missing
 * (the caller starts over) or not a snapshot; a line that does not read throws BrokenSnapshot
 * during the iteration.
 */
export function readSnapshotRange(path: string, bounds: KeyBounds): SnapshotRange {
	const fd = openSync(path, 'r');
	let open = true;
	const close = () => {
		if (open) closeSync(fd);
		open = false;
	};
	try {
		const {size} = fstatSync(fd);
		const footer = readFooter(fd, size);
		const span = blockSpan(footer, bounds);
		return {objects: readBlocks(fd, footer, bounds, span, close), bytes: size, close};
	} catch (error) {
		close();
		throw error;
	}
}

function* readBlocks(
	fd: number,
	footer: Footer,
	bounds: KeyBounds,
	{start, end}: {start: number; end: number},
	close: () => void,
): Generator<IndexedObject> {
	try {
		const cuts = footer.blocks.map(([, offset]) => offset).filter((at) => at > start && at < end);
		let from = start;
		for (const to of [...cuts, end]) {
			const block = Buffer.alloc(to - from);
			readFully(fd, block, from);
			if (yield* parseLines(block, footer, bounds)) return;
			from = to;
		}
	} finally {
		close();
	}
}

function readFully(fd: number, buffer: Buffer, position: number): void {
	let done = 0;
	while (done < buffer.length) {
		const read = readSync(fd, buffer, done, buffer.length - done, position + done);
		if (read === 0) throw new Error('The index snapshot ended early');
		done += read;
	}
}

function readFooter(fd: number, size: number): Footer {
	const digits = Buffer.alloc(lengthDigits);
	if (size < lengthDigits) throw new Error('Not an index snapshot');
	readFully(fd, digits, size - lengthDigits);
	const length = Number(digits.toString('ascii'));
	if (!Number.isInteger(length) || length + lengthDigits > size)
		throw new Error('Not an index snapshot');
	const json = Buffer.alloc(length);
	readFully(fd, json, size - lengthDigits - length);
	const footer = JSON.parse(json.toString('utf8')) as Footer;
	if (footer.format !== 'ivjm-local-index' || footer.version !== 1)
		throw new Error('An index snapshot of another format');
	return footer;
}

/** The bytes of the blocks that can hold keys within `bounds`. */
function blockSpan(footer: Footer, bounds: KeyBounds): {start: number; end: number} {
	const {blocks} = footer;
	const lowest =
		bounds.marker !== undefined && compareKeys(bounds.marker, bounds.prefix ?? '') > 0
			? bounds.marker
			: (bounds.prefix ?? '');
	// The last block that starts at or before the lowest key in bounds…
	let first = 0;
	let low = 0;
	let high = blocks.length - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (compareKeys(blocks[middle]![0], lowest) <= 0) {
			first = middle;
			low = middle + 1;
		} else high = middle - 1;
	}
	// …to the first block that starts past them.
	let last = first;
	while (last + 1 < blocks.length && !pastBounds(blocks[last + 1]![0], bounds)) last++;
	return {
		start: blocks[first]?.[1] ?? 0,
		end: last + 1 < blocks.length ? blocks[last + 1]![1] : footer.linesEnd,
	};
}

const newline = 0x0a;
const tab = 0x09;

/**
 * The objects on the lines of `lines` within `bounds`. A listing of 10,000 jobs reads 180,000
 * lines: each field is decoded from the bytes into a string of its own, so that no string of
 * the whole index stays alive behind a key the caller keeps.
 */
function* parseLines(
	lines: Buffer,
	footer: Footer,
	bounds: KeyBounds,
): Generator<IndexedObject, boolean> {
	const {prefix = '', marker} = bounds;
	const types = footer.contentTypes;
	const field = (from: number, to: number) => lines.toString('latin1', from, to);
	let position = 0;
	while (position < lines.length) {
		let end = lines.indexOf(newline, position);
		if (end === -1) end = lines.length;
		const afterKey = lines.indexOf(tab, position);
		if (afterKey === -1 || afterKey > end) throw new BrokenSnapshot(`Index line at ${position}`);
		const key = unescapeField(lines.toString('utf8', position, afterKey));
		const line = position;
		position = end + 1;
		if (!key.startsWith(prefix)) {
			if (pastBounds(key, bounds)) return true;
			continue;
		}
		if (marker !== undefined && compareKeys(key, marker) <= 0) continue;
		const afterBytes = lines.indexOf(tab, afterKey + 1);
		const afterHash = lines.indexOf(tab, afterBytes + 1);
		const afterTime = lines.indexOf(tab, afterHash + 1);
		const type = types[Number(field(afterTime + 1, end))];
		if (afterTime === -1 || afterTime > end || type === undefined)
			throw new BrokenSnapshot(`Index line at ${line}`);
		yield {
			kind: 'object',
			key,
			bytes: Number(field(afterKey + 1, afterBytes)),
			hash: field(afterBytes + 1, afterHash),
			lastModified: field(afterHash + 1, afterTime),
			contentType: type,
		};
	}
	return false;
}
