/**
 * Binary contents the scan recognises but does not read. `opaque` ones wrap other data (other
 * compressions, archives, databases): whatever is inside cannot be checked, so they block until
 * justified; the rest (images, PDFs) are only flagged for a look.
 */
type BinaryKind = {label: string; offset: number; magic: Buffer; opaque: boolean};

const kind = (label: string, hex: string, opaque: boolean, offset = 0): BinaryKind => ({
	label,
	offset,
	magic: Buffer.from(hex, 'hex'),
	opaque,
});

const kinds: BinaryKind[] = [
	kind('a zip archive', '504b0304', true),
	kind('a tar archive', Buffer.from('ustar').toString('hex'), true, 257),
	kind('xz-compressed data', 'fd377a585a00', true),
	kind('zstd-compressed data', '28b52ffd', true),
	kind('bzip2-compressed data', '425a68', true),
	kind('a 7-zip archive', '377abcaf271c', true),
	kind('an SQLite database', Buffer.from('SQLite format 3').toString('hex'), true),
	kind('an HDF5 file', '894844460d0a1a0a', true),
	kind('a Parquet file', Buffer.from('PAR1').toString('hex'), true),
	kind('a PNG image', '89504e470d0a1a0a', false),
	kind('a JPEG image', 'ffd8ff', false),
	kind('a GIF image', '47494638', false),
	kind('a PDF document', '255044462d', false),
];

/** What a binary head is, when the scan knows it. */
export function binaryKind(head: Buffer): {label: string; opaque: boolean} | undefined {
	const found = kinds.find(
		({offset, magic}) =>
			head.length >= offset + magic.length &&
			head.subarray(offset, offset + magic.length).equals(magic),
	);
	return found && {label: found.label, opaque: found.opaque};
}

/** Not text: a NUL byte, or more than one control character in ten. */
export function looksBinary(head: Buffer): boolean {
	if (head.includes(0)) return true;
	let controls = 0;
	for (const byte of head) {
		if (
			byte < 0x20 &&
			byte !== 0x09 &&
			byte !== 0x0a &&
			byte !== 0x0c &&
			byte !== 0x0d &&
			byte !== 0x1b
		) {
			controls++;
		}
	}
	return controls * 10 > head.length;
}

export function isGzip(head: Buffer): boolean {
	return head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08;
}

export function isZip(head: Buffer): boolean {
	return head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
}
