import {crc32, deflateRawSync} from 'node:zlib';

/** A member of a zip archive: its name and bytes; deflated unless `stored`. */
export type ZipMember = {name: string; body: Buffer | string; stored?: boolean};

/**
 * A zip archive as `zip` writes one (local headers, data, central directory, end record), so the
 * scan reads what pipelines write without a zip tool installed on the test machine.
 */
export function zipArchive(members: readonly ZipMember[]): Buffer {
	const parts: Buffer[] = [];
	const directory: Buffer[] = [];
	let offset = 0;
	for (const member of members) {
		const body = Buffer.isBuffer(member.body) ? member.body : Buffer.from(member.body);
		const data = member.stored ? body : deflateRawSync(body);
		const method = member.stored ? 0 : 8;
		const name = Buffer.from(member.name);
		const checksum = crc32(body);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6);
		local.writeUInt16LE(method, 8);
		local.writeUInt32LE(checksum, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(body.length, 22);
		local.writeUInt16LE(name.length, 26);
		parts.push(local, name, data);
		const entry = Buffer.alloc(46);
		entry.writeUInt32LE(0x02014b50, 0);
		entry.writeUInt16LE(20, 4);
		entry.writeUInt16LE(20, 6);
		entry.writeUInt16LE(0x0800, 8);
		entry.writeUInt16LE(method, 10);
		entry.writeUInt32LE(checksum, 16);
		entry.writeUInt32LE(data.length, 20);
		entry.writeUInt32LE(body.length, 24);
		entry.writeUInt16LE(name.length, 28);
		entry.writeUInt32LE(offset, 42);
		directory.push(entry, name);
		offset += local.length + name.length + data.length;
	}
	const central = Buffer.concat(directory);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(members.length, 8);
	end.writeUInt16LE(members.length, 10);
	end.writeUInt32LE(central.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...parts, central, end]);
}
