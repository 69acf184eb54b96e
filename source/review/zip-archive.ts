import {createReadStream} from 'node:fs';
import {open, type FileHandle} from 'node:fs/promises';
import {Readable} from 'node:stream';
import {createInflateRaw} from 'node:zlib';

/** One member of a zip archive, from its central directory. */
export type ZipEntry = {
	name: string;
	/** 0 stored, 8 deflated; anything else is not read. */
	method: number;
	encrypted: boolean;
	compressedSize: number;
	size: number;
	localOffset: number;
};

/** The archive's directory cannot be read: not a zip, cut short, or beyond what we read. */
export class BrokenZip extends Error {}

/** A directory larger than this is not read (it would be millions of members). */
const maxDirectoryBytes = 64 * 1024 * 1024;
const endRecord = 0x06054b50;
const end64Locator = 0x07064b50;
const end64Record = 0x06064b50;
const directoryEntry = 0x02014b50;
const localHeader = 0x04034b50;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
	const buffer = Buffer.alloc(length);
	const {bytesRead} = await handle.read(buffer, 0, length, position);
	if (bytesRead < length) throw new BrokenZip('the archive ends early');
	return buffer;
}

/** The members of the zip at `path`, from the central directory at its end (zip64 included). */
export async function readZipEntries(path: string, size: number): Promise<ZipEntry[]> {
	const handle = await open(path, 'r');
	try {
		const tailLength = Math.min(size, 22 + 0xffff);
		const tail = await readAt(handle, size - tailLength, tailLength);
		let at = -1;
		for (let index = tail.length - 22; index >= 0; index--) {
			if (tail.readUInt32LE(index) === endRecord) {
				at = index;
				break;
			}
		}
		if (at < 0) throw new BrokenZip('no end of central directory');
		let count = tail.readUInt16LE(at + 10);
		let directorySize = tail.readUInt32LE(at + 12);
		let directoryOffset = tail.readUInt32LE(at + 16);
		if (at >= 20 && tail.readUInt32LE(at - 20) === end64Locator) {
			const record = await readAt(handle, Number(tail.readBigUInt64LE(at - 12)), 56);
			if (record.readUInt32LE(0) !== end64Record) throw new BrokenZip('a broken zip64 record');
			count = Number(record.readBigUInt64LE(32));
			directorySize = Number(record.readBigUInt64LE(40));
			directoryOffset = Number(record.readBigUInt64LE(48));
		}
		if (directorySize > maxDirectoryBytes || directoryOffset + directorySize > size) {
			throw new BrokenZip('a central directory beyond what the scan reads');
		}
		return parseDirectory(await readAt(handle, directoryOffset, directorySize), count);
	} finally {
		await handle.close();
	}
}

function parseDirectory(directory: Buffer, count: number): ZipEntry[] {
	const entries: ZipEntry[] = [];
	let at = 0;
	for (let index = 0; index < count; index++) {
		if (at + 46 > directory.length || directory.readUInt32LE(at) !== directoryEntry) {
			throw new BrokenZip(`member ${index + 1} of the directory is broken`);
		}
		const nameLength = directory.readUInt16LE(at + 28);
		const extraLength = directory.readUInt16LE(at + 30);
		const commentLength = directory.readUInt16LE(at + 32);
		const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
		const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
		const wide = zip64Fields(extra);
		const field = (value: number) => (value === 0xffffffff ? Number(wide.shift() ?? -1n) : value);
		const size = field(directory.readUInt32LE(at + 24));
		const compressedSize = field(directory.readUInt32LE(at + 20));
		const localOffset = field(directory.readUInt32LE(at + 42));
		entries.push({
			name,
			method: directory.readUInt16LE(at + 10),
			encrypted: (directory.readUInt16LE(at + 8) & 1) === 1,
			compressedSize,
			size,
			localOffset,
		});
		at += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** The 8-byte values of the zip64 extra field (id 1), in the order the record's 0xffffffff fields take them. */
function zip64Fields(extra: Buffer): bigint[] {
	for (let at = 0; at + 4 <= extra.length;) {
		const id = extra.readUInt16LE(at);
		const length = extra.readUInt16LE(at + 2);
		if (id === 1) {
			const values: bigint[] = [];
			for (let offset = at + 4; offset + 8 <= at + 4 + length; offset += 8) {
				values.push(extra.readBigUInt64LE(offset));
			}
			return values;
		}
		at += 4 + length;
	}
	return [];
}

/** The member's bytes, unpacked, as a stream. */
export async function openZipEntry(path: string, entry: ZipEntry): Promise<Readable> {
	const handle = await open(path, 'r');
	let dataStart: number;
	try {
		const header = await readAt(handle, entry.localOffset, 30);
		if (header.readUInt32LE(0) !== localHeader)
			throw new BrokenZip(`${entry.name}: no local header`);
		dataStart = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
	} finally {
		await handle.close();
	}
	if (entry.compressedSize === 0) return Readable.from([]);
	const raw = createReadStream(path, {start: dataStart, end: dataStart + entry.compressedSize - 1});
	if (entry.method === 0) return raw;
	const inflate = createInflateRaw();
	raw.on('error', (error) => inflate.destroy(error));
	inflate.on('close', () => raw.destroy());
	return raw.pipe(inflate);
}
