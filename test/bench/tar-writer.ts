/**
 * A file of a tar archive: its path inside the archive, its bytes and its modification time;
 * with `contentType`, a pax header carries it as the `user.mime_type` xattr, which Swift's
 * extract-archive stores as the object's Content-Type (swift/common/middleware/bulk.py).
 */
export type TarEntry = {path: string; body: Buffer; mtime: number; contentType?: string};

const block = 512;

/**
 * A POSIX ustar archive of regular files, for Swift's bulk extract-archive. Paths longer than
 * 100 bytes are split at a `/` into the 155-byte prefix field; a path that cannot be split so
 * is refused rather than cut.
 */
export function tarArchive(entries: Iterable<TarEntry>): Buffer {
	const parts: Buffer[] = [];
	const pushPadded = (body: Buffer) => {
		parts.push(body);
		const padding = (block - (body.length % block)) % block;
		if (padding > 0) parts.push(Buffer.alloc(padding));
	};
	for (const entry of entries) {
		if (entry.contentType !== undefined) {
			const pax = paxRecord('SCHILY.xattr.user.mime_type', entry.contentType);
			parts.push(tarHeader({path: '././@PaxHeader', body: pax, mtime: entry.mtime}, 'x'));
			pushPadded(pax);
		}
		parts.push(tarHeader(entry));
		pushPadded(entry.body);
	}
	parts.push(Buffer.alloc(2 * block));
	return Buffer.concat(parts);
}

/** One pax record, "LEN key=value\n", where LEN counts the whole record, its own digits too. */
function paxRecord(key: string, value: string): Buffer {
	const rest = ` ${key}=${value}\n`;
	let length = Buffer.byteLength(rest);
	while (String(length).length + Buffer.byteLength(rest) !== length)
		length = String(length).length + Buffer.byteLength(rest);
	return Buffer.from(`${length}${rest}`, 'utf8');
}

function tarHeader({path, body, mtime}: TarEntry, type = '0'): Buffer {
	const {name, prefix} = splitPath(path);
	const header = Buffer.alloc(block);
	header.write(name, 0, 100, 'utf8');
	writeOctal(header, 0o644, 100, 8);
	writeOctal(header, 0, 108, 8);
	writeOctal(header, 0, 116, 8);
	writeOctal(header, body.length, 124, 12);
	writeOctal(header, Math.floor(mtime), 136, 12);
	header.fill(' ', 148, 156);
	header.write(type, 156, 1, 'ascii');
	header.write('ustar\u000000', 257, 8, 'ascii');
	header.write(prefix, 345, 155, 'utf8');
	let sum = 0;
	for (const byte of header) sum += byte;
	header.write(sum.toString(8).padStart(6, '0') + '\u0000 ', 148, 8, 'ascii');
	return header;
}

function splitPath(path: string): {name: string; prefix: string} {
	const bytes = Buffer.byteLength(path);
	if (bytes <= 100) return {name: path, prefix: ''};
	for (let cut = path.indexOf('/'); cut !== -1; cut = path.indexOf('/', cut + 1)) {
		const prefix = path.slice(0, cut);
		const name = path.slice(cut + 1);
		if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return {name, prefix};
	}
	throw new RangeError(`A ustar header cannot hold the path ${path}`);
}

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
	header.write(value.toString(8).padStart(length - 1, '0') + '\u0000', offset, length, 'ascii');
}
