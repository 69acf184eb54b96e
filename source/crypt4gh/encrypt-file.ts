import {createReadStream} from 'node:fs';
import {stat} from 'node:fs/promises';
import {Writable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {createEncryptStream} from './encrypt-stream.js';
import {Crypt4ghError} from './errors.js';
import {openPartFile} from './part-file.js';
import type {KeyPair} from './private-key.js';
import {createOpenStream} from './segment-opener.js';
import {encryptedSize} from './segment-offsets.js';

/** Reads in 1 MiB pieces: fewer system calls, and the sealer takes any size. */
export const readChunk = 1024 * 1024;

export type EncryptedFile = {
	out: string;
	plainBytes: number;
	plainSha256: string;
	encryptedBytes: number;
	headerLength: number;
	senderPublicKey: Buffer;
};

/**
 * Encrypts `input` to `out` through `<out>.part`. Before the rename, the part is read back and
 * every segment opened with the session key: the plaintext it gives must have the SHA-256
 * taken while encrypting, and the input must not have changed meanwhile.
 */
export async function encryptFile(options: {
	input: string;
	out: string;
	recipients: Uint8Array[];
	sender?: KeyPair;
	overwrite?: boolean;
}): Promise<EncryptedFile> {
	const before = await stat(options.input);
	if (!before.isFile()) throw new Crypt4ghError(`${options.input} is not a file`);
	const part = await openPartFile(options.out, {
		mode: 0o644,
		overwrite: options.overwrite,
		read: true,
	});
	try {
		const encrypt = createEncryptStream({
			recipients: options.recipients,
			sender: options.sender,
			sha256: true,
		});
		await pipeline(
			createReadStream(options.input, {highWaterMark: readChunk}),
			encrypt,
			part.sink(),
		);
		const after = await stat(options.input);
		if (
			after.size !== before.size ||
			after.mtimeMs !== before.mtimeMs ||
			encrypt.sealer.plainBytes !== before.size
		) {
			throw new Crypt4ghError(
				`${options.input} changed while it was being encrypted: run again once it is complete`,
			);
		}
		const headerLength = encrypt.header.bytes.length;
		const encryptedBytes = (await part.handle.stat()).size;
		if (encryptedBytes !== encryptedSize(headerLength, before.size)) {
			throw new Crypt4ghError(
				`${part.partPath} came out ${encryptedBytes} bytes long, not ${encryptedSize(headerLength, before.size)}`,
			);
		}
		const written = Buffer.alloc(headerLength);
		await part.handle.read(written, 0, headerLength, 0);
		if (!written.equals(encrypt.header.bytes)) {
			throw new Crypt4ghError(`${part.partPath}: the header on disk is not the one written`);
		}
		const plainSha256 = encrypt.sealer.plainSha256()!;
		const check = createOpenStream({
			sessionKeys: [encrypt.header.sessionKey],
			headerLength,
			source: part.partPath,
			sha256: true,
		});
		await pipeline(
			createReadStream(part.partPath, {start: headerLength, highWaterMark: readChunk}),
			check,
			discard(),
		);
		if (check.opener.plainSha256() !== plainSha256) {
			throw new Crypt4ghError(
				`${part.partPath} does not decrypt to what was read from ${options.input}: the disk may be failing`,
			);
		}
		encrypt.header.sessionKey.fill(0);
		await part.commit();
		return {
			out: options.out,
			plainBytes: before.size,
			plainSha256,
			encryptedBytes,
			headerLength,
			senderPublicKey: encrypt.header.senderPublicKey,
		};
	} catch (error) {
		await part.discard();
		throw error;
	}
}

/** A sink that drops what it is given (the check only needs the opener's verdict and hash). */
function discard(): Writable {
	return new Writable({
		write(_chunk, _encoding, callback) {
			callback();
		},
	});
}
