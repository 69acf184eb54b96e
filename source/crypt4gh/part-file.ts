import {constants} from 'node:fs';
import {lstat, open, rename, rm, type FileHandle} from 'node:fs/promises';
import {Writable} from 'node:stream';
import {Crypt4ghError} from './errors.js';

/**
 * Where an encrypt or decrypt writes: `<out>.part`, created afresh (never through a symbolic
 * link), made durable and renamed to `out` only once the caller has verified it; removed when
 * anything fails, so a half-written or unverified file never sits under the final name.
 */
export type PartFile = {
	handle: FileHandle;
	partPath: string;
	/** A stream writing to the part from its start; it leaves the file open for `commit`. */
	sink(): Writable;
	/** fsync, close, rename into place. */
	commit(): Promise<void>;
	/** Close and remove the part (safe to call after a failure, and twice). */
	discard(): Promise<void>;
};

async function lstatOrUndefined(path: string) {
	return lstat(path).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return undefined;
		throw error;
	});
}

export async function openPartFile(
	out: string,
	options: {mode: number; overwrite?: boolean; read?: boolean},
): Promise<PartFile> {
	const existing = await lstatOrUndefined(out);
	if (existing && (!options.overwrite || !existing.isFile())) {
		throw new Crypt4ghError(
			existing.isFile()
				? `${out} already exists: choose another output with --out, or remove it first`
				: `${out} exists and is not a regular file: choose another output with --out`,
		);
	}
	const partPath = `${out}.part`;
	const stale = await lstatOrUndefined(partPath);
	if (stale && !stale.isFile()) {
		throw new Crypt4ghError(
			`${partPath} is in the way and is not a regular file: remove it and try again`,
		);
	}
	if (stale) await rm(partPath); // an earlier run that stopped; its content was never verified
	const access = options.read ? constants.O_RDWR : constants.O_WRONLY;
	const flags = access | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
	const handle = await open(partPath, flags, options.mode);
	let closed = false;
	const close = async () => {
		if (closed) return;
		closed = true;
		await handle.close();
	};
	return {
		handle,
		partPath,
		sink: () => fileSink(handle),
		async commit() {
			await handle.sync();
			await close();
			await rename(partPath, out);
		},
		async discard() {
			await close().catch(() => undefined);
			await rm(partPath, {force: true});
		},
	};
}

/** Writes chunks in order with writev (no copy), handling short writes. */
function fileSink(handle: FileHandle): Writable {
	let position = 0;
	async function writeAll(chunks: Buffer[]): Promise<void> {
		let rest = chunks;
		while (rest.length > 0) {
			const {bytesWritten} = await handle.writev(rest, position);
			position += bytesWritten;
			let skip = bytesWritten;
			const unwritten: Buffer[] = [];
			for (const chunk of rest) {
				if (skip >= chunk.length) skip -= chunk.length;
				else {
					unwritten.push(chunk.subarray(skip));
					skip = 0;
				}
			}
			rest = unwritten;
		}
	}
	return new Writable({
		highWaterMark: 1024 * 1024,
		writev(chunks, callback) {
			writeAll(chunks.map(({chunk}) => chunk as Buffer)).then(() => callback(), callback);
		},
	});
}
