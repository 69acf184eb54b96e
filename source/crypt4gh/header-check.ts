import {open} from './aead.js';
import {Crypt4ghError} from './errors.js';
import {fingerprint} from './fingerprint.js';
import {scanEnvelope} from './header-envelope.js';
import {decodePacket} from './header-packets.js';
import type {KeyPair} from './private-key.js';
import {keyLength, packetKey} from './x25519.js';

/**
 * Checks a header just built before anything is sealed under it: the writer opens each packet
 * the way the recipient will (the same X25519 key, from the writer's side) and every recipient
 * must find the session key the data is sealed with. A cheap stand-in for decrypting the whole
 * upload back: the segments are sealed with that key by the same code the tests decrypt.
 */
export function assertHeaderHolds(
	header: Buffer,
	writer: KeyPair,
	recipients: readonly Uint8Array[],
	sessionKey: Buffer,
): void {
	const scanned = scanEnvelope(header, 'the header written');
	if (!('envelope' in scanned) || scanned.envelope.length !== header.length) {
		throw new Crypt4ghError('The Crypt4GH header written is not whole: nothing was sent');
	}
	for (const recipient of recipients) {
		const key = packetKey(writer, recipient, 'writer');
		const holds = scanned.envelope.packets.some((packet) => {
			if (!key || !packet.body.subarray(0, keyLength).equals(writer.publicKey)) return false;
			const plaintext = open(key, packet.body.subarray(keyLength));
			if (!plaintext) return false;
			const opened = decodePacket(plaintext, 'the header written');
			return opened.type === 'data-key' && opened.sessionKey.equals(sessionKey);
		});
		key?.fill(0);
		if (!holds) {
			throw new Crypt4ghError(
				`The Crypt4GH header written does not give ${fingerprint(recipient)} the data key: nothing was sent`,
			);
		}
	}
}
