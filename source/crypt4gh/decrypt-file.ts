import {createReadStream} from 'node:fs';
import {pipeline} from 'node:stream/promises';
import {createDecryptStream} from './decrypt-stream.js';
import {readChunk} from './encrypt-file.js';
import {Crypt4ghError} from './errors.js';
import {openPartFile} from './part-file.js';
import type {KeyPair} from './private-key.js';

export type DecryptedFile = {
	out: string;
	plainBytes: number;
	plainSha256: string;
	senders: Buffer[];
};

/**
 * Decrypts `input` to `out` through `<out>.part` (mode 0600: it is the plaintext). The rename
 * happens only once every segment has authenticated, and, when `expectedSha256` is given, the
 * plaintext has that SHA-256; otherwise the part is removed and nothing is left under `out`.
 */
export async function decryptFile(options: {
	input: string;
	out: string;
	keys: KeyPair[];
	expectedSender?: Uint8Array;
	expectedSha256?: string;
	knownRecipients?: Uint8Array[];
	overwrite?: boolean;
}): Promise<DecryptedFile> {
	const part = await openPartFile(options.out, {mode: 0o600, overwrite: options.overwrite});
	try {
		const decrypt = createDecryptStream({
			keys: options.keys,
			source: options.input,
			expectedSender: options.expectedSender,
			knownRecipients: options.knownRecipients,
			sha256: true,
		});
		const output = part.sink();
		await pipeline(createReadStream(options.input, {highWaterMark: readChunk}), decrypt, output);
		const plainSha256 = decrypt.plainSha256()!;
		if (options.expectedSha256 && plainSha256 !== options.expectedSha256.toLowerCase()) {
			throw new Crypt4ghError(
				`${options.input} decrypted to content with SHA-256 ${plainSha256}, not the ${options.expectedSha256} ` +
					'recorded for it: the file is incomplete or not the one that was sent',
			);
		}
		await part.commit();
		return {
			out: options.out,
			plainBytes: decrypt.plainBytes(),
			plainSha256,
			senders: decrypt.header()?.senders ?? [],
		};
	} catch (error) {
		await part.discard();
		throw error;
	}
}
