import {InvalidFormat} from './errors.js';
import {keyLength} from './x25519.js';

/**
 * The plaintext of header packets. Packet type 0 carries the data encryption parameters (method 0,
 * ChaCha20-Poly1305, and the 32-byte session key); type 1 an edit list (a count, then that many
 * 64-bit lengths, alternately skipped and kept). All integers little-endian.
 */
export type HeaderPacket =
	{type: 'data-key'; sessionKey: Buffer} | {type: 'edit-list'; lengths: number[]};

const dataKeyType = 0;
const editListType = 1;
const chacha20Poly1305Method = 0;

export function encodePacket(packet: HeaderPacket): Buffer {
	if (packet.type === 'data-key') {
		const head = Buffer.alloc(8);
		head.writeUInt32LE(dataKeyType, 0);
		head.writeUInt32LE(chacha20Poly1305Method, 4);
		return Buffer.concat([head, packet.sessionKey]);
	}
	const bytes = Buffer.alloc(8 + 8 * packet.lengths.length);
	bytes.writeUInt32LE(editListType, 0);
	bytes.writeUInt32LE(packet.lengths.length, 4);
	packet.lengths.forEach((length, index) => {
		bytes.writeBigUInt64LE(BigInt(length), 8 + 8 * index);
	});
	return bytes;
}

export function decodePacket(bytes: Buffer, source: string): HeaderPacket {
	if (bytes.length < 4) throw new InvalidFormat(`${source}: a header packet is empty`);
	const type = bytes.readUInt32LE(0);
	if (type === dataKeyType) {
		const method = bytes.length >= 8 ? bytes.readUInt32LE(4) : -1;
		if (method !== chacha20Poly1305Method) {
			throw new InvalidFormat(
				`${source} uses data encryption method ${method}; Crypt4GH readers support only method 0 ` +
					'(ChaCha20-Poly1305)',
			);
		}
		if (bytes.length !== 8 + keyLength) {
			throw new InvalidFormat(
				`${source}: the data key packet holds ${bytes.length - 8} key bytes, not 32`,
			);
		}
		return {type: 'data-key', sessionKey: Buffer.from(bytes.subarray(8))};
	}
	if (type === editListType) {
		const count = bytes.length >= 8 ? bytes.readUInt32LE(4) : 0;
		if (bytes.length < 8 + 8 * count)
			throw new InvalidFormat(`${source}: the edit list is cut short`);
		const lengths: number[] = [];
		for (let index = 0; index < count; index++) {
			const length = bytes.readBigUInt64LE(8 + 8 * index);
			if (length > BigInt(Number.MAX_SAFE_INTEGER)) {
				throw new InvalidFormat(`${source}: an edit list length is beyond any file size`);
			}
			lengths.push(Number(length));
		}
		return {type: 'edit-list', lengths};
	}
	throw new InvalidFormat(
		`${source} has a header packet of type ${type}, which Crypt4GH does not define`,
	);
}
