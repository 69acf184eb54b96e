import {randomBytes} from 'node:crypto';
import {z} from 'zod';
import type {SegmentEncoder, UploadEncoding} from '../transfer/upload-encoding.js';
import {plainBytesMetadata, plainSha256Metadata} from './encrypting-upload.js';
import {fingerprint} from './fingerprint.js';
import {assertHeaderHolds} from './header-check.js';
import {scanEnvelope} from './header-envelope.js';
import {buildHeader} from './header.js';
import {segmentOverhead, segmentSize} from './segment-offsets.js';
import {createSealStream, nonceSeedLength} from './segment-sealer.js';
import {keyLength, newSecretKey, publicKeyOf} from './x25519.js';

/** What a resumed upload needs to seal its missing segments as the stored ones were sealed. */
const savedSchema = z.object({header: z.string(), sessionKey: z.string().regex(/^[\da-f]{64}$/)});

type Keys = {header: Buffer; sessionKey: Buffer};

/** A new header and session key, checked before anything is sealed under them. */
function freshKeys(recipients: readonly Uint8Array[]): Keys {
	const secretKey = newSecretKey();
	const writer = {secretKey, publicKey: publicKeyOf(secretKey)};
	const built = buildHeader({recipients: [...recipients], sender: writer});
	assertHeaderHolds(built.bytes, writer, recipients, built.sessionKey);
	// The writer key is for this file alone and never needed again.
	secretKey.fill(0);
	return {header: built.bytes, sessionKey: built.sessionKey};
}

/** The earlier run's keys; throws on anything malformed (the upload then starts afresh). */
function savedKeys(saved: string): Keys {
	const parsed = savedSchema.parse(JSON.parse(saved));
	const header = Buffer.from(parsed.header, 'base64');
	const scanned = scanEnvelope(header, 'the saved header');
	if (!('envelope' in scanned) || scanned.envelope.length !== header.length) {
		throw new RangeError('the saved header is not whole');
	}
	const sessionKey = Buffer.from(parsed.sessionKey, 'hex');
	if (sessionKey.length !== keyLength) throw new RangeError('the saved session key is cut short');
	return {header, sessionKey};
}

/**
 * Crypt4GH made on the fly: the object is the header, then the file in 64 KiB segments each
 * sealed on its own with a fresh nonce (drawn from a seed per upload segment: the stamp). Upload
 * segments hold whole Crypt4GH segments (the framing), so each is sealed from its own range of
 * the file, in parallel, and a resumed upload can seal the rest with the same session key: no
 * Crypt4GH segment is ever made of two runs.
 * The key sits in the upload's journal (0600, in the state folder, beside the plaintext it
 * protects) until the upload completes; no passphrase is involved in encrypting.
 */
export function crypt4ghEncoding(recipients: readonly Uint8Array[]): UploadEncoding {
	if (recipients.length === 0) throw new RangeError('an encrypting upload needs a recipient');
	return {
		identity: `crypt4gh:${recipients.map((key) => fingerprint(key)).join(',')}`,
		begin(saved): SegmentEncoder {
			const keys = saved === undefined ? freshKeys(recipients) : savedKeys(saved);
			return {
				framing: {
					prefixBytes: keys.header.length,
					blockBytes: segmentSize,
					blockOverhead: segmentOverhead,
				},
				saved: JSON.stringify({
					header: keys.header.toString('base64'),
					sessionKey: keys.sessionKey.toString('hex'),
				}),
				encode: (segment, stamp = randomBytes(nonceSeedLength).toString('hex')) => {
					const nonceSeed = Buffer.from(stamp, 'hex');
					const prefix = segment.index === 0 ? keys.header : undefined;
					return {stream: createSealStream(keys.sessionKey, {prefix, nonceSeed}), stamp};
				},
				metadata: ({sha256, bytes}) => ({
					[plainSha256Metadata]: sha256,
					[plainBytesMetadata]: String(bytes),
				}),
			};
		},
	};
}
