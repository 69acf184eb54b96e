import {randomBytes} from 'node:crypto';
import {open, seal} from './aead.js';
import {Crypt4ghError, InvalidFormat, NotARecipient} from './errors.js';
import {fingerprint} from './fingerprint.js';
import {buildEnvelope, type Envelope, type RawPacket} from './header-envelope.js';
import {decodePacket, encodePacket, type HeaderPacket} from './header-packets.js';
import type {KeyPair} from './private-key.js';
import {keyLength, newSecretKey, packetKey, publicKeyOf} from './x25519.js';

/** Header packet encryption method 0: X25519 key exchange, then ChaCha20-Poly1305. */
const x25519Method = 0;
const writerKeyLength = keyLength;
const minSealedLength = writerKeyLength + 12 + 16;

export type BuiltHeader = {bytes: Buffer; sessionKey: Buffer; senderPublicKey: Buffer};

/**
 * A header for `recipients`: one data-key packet (and the edit list, if any) sealed to each
 * recipient. Without `sender` the writer key is a fresh one for this file, as the reference's
 * `encrypt` without `--sk` does. Repeated recipients get one packet.
 */
export function buildHeader(options: {
	recipients: Uint8Array[];
	sender?: KeyPair;
	sessionKey?: Buffer;
	editList?: number[];
}): BuiltHeader {
	if (options.recipients.length === 0) throw new RangeError('A Crypt4GH file needs a recipient');
	const secretKey = options.sender?.secretKey ?? newSecretKey();
	const writer = {secretKey, publicKey: options.sender?.publicKey ?? publicKeyOf(secretKey)};
	const sessionKey = options.sessionKey ?? randomBytes(keyLength);
	const payloads: HeaderPacket[] = [{type: 'data-key', sessionKey}];
	if (options.editList) payloads.push({type: 'edit-list', lengths: options.editList});
	const seen = new Set<string>();
	const packets: RawPacket[] = [];
	for (const recipient of options.recipients) {
		const id = Buffer.from(recipient).toString('hex');
		if (seen.has(id)) continue;
		seen.add(id);
		const key = packetKey(writer, recipient, 'writer');
		if (!key)
			throw new Crypt4ghError(
				`The recipient key ${fingerprint(recipient)} is not usable (a low-order point)`,
			);
		for (const payload of payloads) {
			packets.push({
				method: x25519Method,
				body: Buffer.concat([writer.publicKey, seal(key, encodePacket(payload))]),
			});
		}
		key.fill(0);
	}
	return {bytes: buildEnvelope(packets), sessionKey, senderPublicKey: writer.publicKey};
}

export type OpenedHeader = {
	length: number;
	/** Every data key a packet gave us (segments may use any of them). */
	sessionKeys: Buffer[];
	editList?: number[];
	/** The writer key of each packet we opened (the sender, as far as the header says). */
	senders: Buffer[];
};

/**
 * Opens the packets meant for one of `keys`; the others are left alone, as the spec says. Fails
 * with NotARecipient when none opens, and when `expectedSender` is given, with a clear error if
 * no packet was written by it (the reference's `--sender_pk`).
 */
export function openHeader(
	envelope: Envelope,
	keys: KeyPair[],
	options: {source: string; expectedSender?: Uint8Array; knownRecipients?: Uint8Array[]},
): OpenedHeader {
	const {source} = options;
	const writers = new Map<string, Buffer>();
	const opened: {packet: HeaderPacket; writer: Buffer}[] = [];
	for (const raw of envelope.packets) {
		if (raw.method !== x25519Method) continue;
		if (raw.body.length < minSealedLength)
			throw new InvalidFormat(`${source}: a header packet is cut short`);
		const writer = raw.body.subarray(0, writerKeyLength);
		writers.set(writer.toString('hex'), writer);
		if (options.expectedSender && !writer.equals(options.expectedSender)) continue;
		for (const own of keys) {
			const key = packetKey(own, writer, 'reader');
			const plaintext = key && open(key, raw.body.subarray(writerKeyLength));
			key?.fill(0);
			if (plaintext) {
				opened.push({packet: decodePacket(plaintext, source), writer: Buffer.from(writer)});
				break;
			}
		}
	}
	const sender = options.expectedSender;
	if (sender && ![...writers.values()].some((writer) => writer.equals(sender))) {
		throw new Crypt4ghError(
			`${source} was not written by ${fingerprint(sender)}: its header was written by ` +
				`${[...writers.values()].map((writer) => fingerprint(writer)).join(', ') || 'no key this version reads'}`,
		);
	}
	if (opened.length === 0) {
		throw new NotARecipient({
			source,
			yourKeys: keys.map((key) => key.publicKey),
			packetCount: envelope.packets.length,
			writerKeys: [...writers.values()],
			knownRecipients: options.knownRecipients,
		});
	}
	return partition(opened, envelope.length, source);
}

function partition(
	opened: {packet: HeaderPacket; writer: Buffer}[],
	length: number,
	source: string,
): OpenedHeader {
	const sessionKeys: Buffer[] = [];
	let editList: number[] | undefined;
	for (const {packet} of opened) {
		if (packet.type === 'data-key') {
			if (!sessionKeys.some((key) => key.equals(packet.sessionKey)))
				sessionKeys.push(packet.sessionKey);
		} else if (editList) {
			throw new InvalidFormat(
				`${source} has more than one edit list for your key, which the spec forbids`,
			);
		} else {
			editList = packet.lengths;
		}
	}
	if (sessionKeys.length === 0)
		throw new InvalidFormat(`${source}: your header packets hold no data key`);
	const senders = [...new Map(opened.map(({writer}) => [writer.toString('hex'), writer])).values()];
	return {length, sessionKeys, editList, senders};
}
