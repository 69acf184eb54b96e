import {buildHeader, type BuiltHeader} from './header.js';
import type {KeyPair} from './private-key.js';
import {createSealStream, type SealStream} from './segment-sealer.js';

export type EncryptStream = SealStream & {header: BuiltHeader};

/**
 * Plaintext in, a whole Crypt4GH file out: the header for `recipients` (written by `sender`, or by
 * a key made for this file alone), then the sealed segments. `sha256` also hashes the plaintext
 * (`stream.sealer.plainSha256()` once it has ended).
 */
export function createEncryptStream(options: {
	recipients: Uint8Array[];
	sender?: KeyPair;
	sha256?: boolean;
}): EncryptStream {
	const header = buildHeader({recipients: options.recipients, sender: options.sender});
	const stream = createSealStream(header.sessionKey, {
		prefix: header.bytes,
		sha256: options.sha256,
	});
	return Object.assign(stream, {header});
}
