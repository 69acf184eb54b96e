import {InvalidFormat} from './errors.js';

/**
 * The header's outer layer: `crypt4gh`, version 1, the packet count, then each packet as a
 * length (counting its own 4 bytes), the header encryption method, and the sealed part. All
 * integers little-endian. Nothing here needs a key.
 */

export const magic = Buffer.from('crypt4gh', 'ascii');
export const version = 1;
const prefixLength = 16;
/** Limits against a hostile or damaged file (a header this large is not a Crypt4GH header). */
export const maxPackets = 1024;
export const maxPacketLength = 1024 * 1024;
export const maxHeaderLength = 16 * 1024 * 1024;

export type RawPacket = {method: number; body: Buffer};
export type Envelope = {length: number; packets: RawPacket[]};

/** Serializes packets that are already encrypted (method + sealed body each). */
export function buildEnvelope(packets: RawPacket[]): Buffer {
	const prefix = Buffer.alloc(prefixLength);
	magic.copy(prefix, 0);
	prefix.writeUInt32LE(version, 8);
	prefix.writeUInt32LE(packets.length, 12);
	const parts: Buffer[] = [prefix];
	for (const packet of packets) {
		const head = Buffer.alloc(8);
		head.writeUInt32LE(8 + packet.body.length, 0);
		head.writeUInt32LE(packet.method, 4);
		parts.push(head, packet.body);
	}
	return Buffer.concat(parts);
}

/**
 * Reads the envelope from the start of a file: the envelope, or how many bytes it needs at least
 * before it can say more (call again with a longer prefix).
 */
export function scanEnvelope(
	prefix: Buffer,
	source: string,
): {envelope: Envelope} | {needBytes: number} {
	if (prefix.length < prefixLength) {
		if (
			!prefix.equals(magic.subarray(0, Math.min(prefix.length, magic.length))) &&
			prefix.length > 0
		) {
			throw notCrypt4gh(source);
		}
		return {needBytes: prefixLength};
	}
	if (!prefix.subarray(0, 8).equals(magic)) throw notCrypt4gh(source);
	const fileVersion = prefix.readUInt32LE(8);
	if (fileVersion !== version) {
		throw new InvalidFormat(
			`${source} is Crypt4GH version ${fileVersion}; this version reads version 1`,
		);
	}
	const count = prefix.readUInt32LE(12);
	if (count === 0 || count > maxPackets) {
		throw new InvalidFormat(
			`${source}: a header with ${count} packets is not a valid Crypt4GH header`,
		);
	}
	const packets: RawPacket[] = [];
	let offset = prefixLength;
	for (let index = 0; index < count; index++) {
		if (prefix.length < offset + 8) return {needBytes: offset + 8};
		const length = prefix.readUInt32LE(offset);
		if (length < 8 || length > maxPacketLength) {
			throw new InvalidFormat(
				`${source}: header packet ${index} has an impossible length (${length})`,
			);
		}
		if (offset + length > maxHeaderLength) {
			throw new InvalidFormat(`${source}: its header is larger than ${maxHeaderLength} bytes`);
		}
		if (prefix.length < offset + length) return {needBytes: offset + length};
		packets.push({
			method: prefix.readUInt32LE(offset + 4),
			body: prefix.subarray(offset + 8, offset + length),
		});
		offset += length;
	}
	return {envelope: {length: offset, packets}};
}

function notCrypt4gh(source: string): InvalidFormat {
	return new InvalidFormat(`${source} is not a Crypt4GH file (it does not start with "crypt4gh")`);
}
