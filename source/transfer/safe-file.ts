import {constants} from 'node:fs';
import {lstat, mkdir, open, rename, stat, unlink, type FileHandle} from 'node:fs/promises';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {resolveInJobFolder} from '../protocol/safe-path.js';
import {DiskFull, TransferError, UnsafePath} from './errors/index.js';

export type DownloadTarget = {
	folder: string;
	/** The relative path as accepted (without a leading `./`). */
	relative: string;
	segments: string[];
	/** Final name. */
	path: string;
	/** Where the bytes go until they are verified. */
	partPath: string;
};

/**
 * Where a download of `untrusted` into `folder` goes. Refuses, before anything is written, a path
 * the protocol's rules refuse (`..`, absolute, hidden control characters…).
 */
export function downloadTarget(folder: string, untrusted: string): DownloadTarget {
	const resolved = resolveInJobFolder(folder, untrusted);
	if (!resolved.ok) {
		throw new UnsafePath(
			`Refused to download to ${JSON.stringify(untrusted)} in ${folder}: ${resolved.reason}`,
			{path: folder},
		);
	}
	return {
		folder,
		relative: resolved.relative,
		segments: resolved.segments,
		path: resolved.path,
		partPath: `${resolved.path}.part`,
	};
}

async function lstatOrUndefined(path: string) {
	try {
		return await lstat(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

/**
 * Checks every folder between `folder` and the file: none may be a symbolic link (it could lead
 * out of the folder) or a file. Missing ones are made when `create` is set.
 */
export async function checkParents(target: DownloadTarget, create: boolean): Promise<void> {
	const folderStat = await stat(target.folder).catch(() => undefined);
	if (!folderStat?.isDirectory()) {
		throw new TransferError(
			`The download folder ${target.folder} does not exist: create it or choose another`,
			{path: target.folder},
		);
	}
	let current = target.folder;
	for (const segment of target.segments.slice(0, -1)) {
		current = join(current, segment);
		const found = await lstatOrUndefined(current);
		if (found?.isSymbolicLink()) {
			throw new UnsafePath(
				`Refused to download ${target.relative}: ${current} is a symbolic link, which could lead ` +
					'outside the folder. Remove the link and try again',
				{path: current},
			);
		}
		if (found && !found.isDirectory()) {
			throw new UnsafePath(
				`Cannot download ${target.relative}: ${current} is a file, not a folder`,
				{path: current},
			);
		}
		if (!found) {
			if (!create) return;
			// Private whatever the umask: results of analyses on health data are the owner's only.
			await mkdir(current, {mode: 0o700});
		}
	}
}

function refusedLink(path: string): UnsafePath {
	return new UnsafePath(
		`Refused to write through ${path}: it is a symbolic link or not a regular file. Remove it ` +
			'and try again',
		{path},
	);
}

/** Opens an existing file for reading without following a link; undefined when there is none. */
export async function openExisting(path: string): Promise<FileHandle | undefined> {
	let handle: FileHandle;
	try {
		handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return undefined;
		if (code === 'ELOOP') throw refusedLink(path);
		throw error;
	}
	if (!(await handle.stat()).isFile()) {
		await handle.close();
		throw refusedLink(path);
	}
	return handle;
}

/**
 * Opens the `.part` file: the existing one to continue it (read and write), or a new one created
 * exclusively. Never through a symbolic link, never anything but a regular file.
 */
export async function openPart(
	partPath: string,
	how: {resume: boolean; mode: number},
): Promise<FileHandle> {
	const noFollow = constants.O_NOFOLLOW | constants.O_NONBLOCK;
	if (how.resume) {
		try {
			const handle = await open(partPath, constants.O_RDWR | noFollow);
			if ((await handle.stat()).isFile()) return handle;
			await handle.close();
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
		}
		throw refusedLink(partPath);
	}
	const existing = await lstatOrUndefined(partPath);
	if (existing && !existing.isFile()) throw refusedLink(partPath);
	if (existing) await unlink(partPath);
	try {
		return await open(
			partPath,
			constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | noFollow,
			how.mode,
		);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw refusedLink(partPath);
		throw error;
	}
}

/** The size of the `.part` file if it is a regular file, else 0 (nothing to continue). */
export async function partSize(partPath: string): Promise<number> {
	const found = await lstatOrUndefined(partPath);
	return found?.isFile() ? found.size : 0;
}

export function isDiskFull(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code === 'ENOSPC' || code === 'EDQUOT';
}

export type PartWriter = Writable & {
	/** Bytes in the file, all written and seen by `onChunk`. */
	position(): number;
	/** Resolves once no write is under way (after a failed pipeline, writes may still finish). */
	settled(): Promise<void>;
};

/**
 * Writes a download into an open file at its current end, telling `onChunk` about each chunk
 * only once it is on disk, so the count and the hashes always match the file.
 */
export function partWriter(
	handle: FileHandle,
	start: number,
	onChunk: (chunk: Buffer) => void,
	describe: {partPath: string; label: string},
): PartWriter {
	let position = start;
	let pending: Promise<void> = Promise.resolve();
	const writeBack = progressiveWriteBack(handle);

	/** Chunks waiting in the stream go down in one `writev`: fewer system calls, no copy. */
	async function writeAll(chunks: Buffer[]): Promise<void> {
		let rest = chunks;
		while (rest.length > 0) {
			const {bytesWritten} = await handle.writev(rest, position);
			if (bytesWritten === 0) throw new Error(`Nothing could be written to ${describe.partPath}`);
			let left = bytesWritten;
			const unwritten: Buffer[] = [];
			for (const chunk of rest) {
				const written = Math.min(left, chunk.length);
				if (written > 0) onChunk(written === chunk.length ? chunk : chunk.subarray(0, written));
				if (written < chunk.length) unwritten.push(chunk.subarray(written));
				left -= written;
				position += written;
			}
			rest = unwritten;
		}
		writeBack.written(position);
	}

	function run(chunks: Buffer[], callback: (error?: Error | null) => void): void {
		pending = writeAll(chunks);
		pending.then(
			() => callback(),
			(error: unknown) =>
				callback(
					isDiskFull(error)
						? new DiskFull(
								`The disk is full: ${describe.label} stopped after ${position} bytes. Free ` +
									`some space and download again: it continues from ${describe.partPath}`,
								{path: describe.partPath, cause: error},
							)
						: (error as Error),
				),
		);
	}

	const writer = new Writable({
		highWaterMark: 1024 * 1024,
		write(chunk: Buffer, _encoding, callback) {
			run([chunk], callback);
		},
		writev(chunks, callback) {
			run(
				chunks.map(({chunk}) => chunk as Buffer),
				callback,
			);
		},
	});
	return Object.assign(writer, {
		position: () => position,
		settled: async () => {
			await pending.then(
				() => undefined,
				() => undefined,
			);
			await writeBack.settled();
		},
	});
}

/** Dirty bytes after which the part file is flushed in the background. */
const writeBackBytes = 64 * 1024 * 1024;

/**
 * Flushes the part file to disk while the download goes on (one fdatasync in flight at a time),
 * so the fsync before the rename finds little left to write: measured on 1 GiB, that final
 * fsync alone took 1.4–2.8 s. Errors are left to that final fsync, which reports them.
 */
export function progressiveWriteBack(handle: Pick<FileHandle, 'datasync'>): {
	written(position: number): void;
	settled(): Promise<void>;
} {
	let flushedUpTo = 0;
	let flushing: Promise<void> | undefined;
	return {
		written(position) {
			if (flushing || position - flushedUpTo < writeBackBytes) return;
			flushedUpTo = position;
			flushing = handle.datasync().then(
				() => {
					flushing = undefined;
				},
				() => {
					flushing = undefined;
				},
			);
		},
		async settled() {
			await flushing;
		},
	};
}

/** Moves the verified `.part` into place, after checking once more that no link was planted. */
export async function placeFile(target: DownloadTarget): Promise<void> {
	await checkParents(target, false);
	const existing = await lstatOrUndefined(target.path);
	if (existing?.isSymbolicLink() || existing?.isDirectory()) {
		throw new UnsafePath(
			`Refused to replace ${target.path}: it is a symbolic link or a folder. Remove it and try ` +
				'again',
			{path: target.path},
		);
	}
	await rename(target.partPath, target.path);
}
