import {randomBytes, randomUUID} from 'node:crypto';
import {createWriteStream} from 'node:fs';
import {link, mkdir, rename, rm, rmdir, stat, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import type {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {BadRequest, Conflict, NotFound} from '../errors/index.js';
import type {ObjectRef, PutOptions, PutResult} from '../store.js';
import {objectPath} from './encoded-names.js';
import {appendRecord} from './listing-index/journal.js';
import type {JournalRecord} from './listing-index/journal-records.js';
import {lastModifiedOf, sealWithTrailer, type ObjectTrailer} from './object-file.js';

/** Where a store keeps things: its temp folder, and each container's and object's path. */
export type StoreLayout = {
	temporaryFolder: string;
	containerFolder: (container: string) => string;
	objectFile: (ref: ObjectRef) => string;
};

/**
 * Makes one change to an object file with the index told before and after: the intent, the
 * change, then `done` (or `abort` if the change failed, which then changed nothing). A crash
 * in between leaves an intent without its `done`, and listings read that key from its file.
 */
async function recorded<T>(
	folder: string,
	intent: Extract<JournalRecord, {kind: 'put' | 'delete'}>,
	change: () => Promise<T>,
): Promise<T> {
	const key = intent.kind === 'put' ? intent.object.key : intent.key;
	appendRecord(folder, intent);
	let result: T;
	try {
		result = await change();
	} catch (error) {
		ignoreFailure(() => appendRecord(folder, {kind: 'abort', id: intent.id, key}));
		throw error;
	}
	// The change is made: a `done` that cannot be written only leaves the key to be read from its file.
	ignoreFailure(() => appendRecord(folder, {kind: 'done', id: intent.id, key}));
	return result;
}

function ignoreFailure(action: () => void): void {
	try {
		action();
	} catch {
		// See the caller: the listing reads the key from its file instead.
	}
}

const writeId = () => randomBytes(6).toString('base64url');

/**
 * Streams `body` into a temp file followed by its trailer, then moves it to `ref` (renames it,
 * or links it when only creating: link() fails if the target exists, like If-None-Match: *).
 */
export async function writeObject(
	layout: StoreLayout,
	ref: ObjectRef,
	body: Readable,
	makeTrailer: (etag: string) => ObjectTrailer,
	options: PutOptions,
): Promise<PutResult> {
	await mkdir(layout.temporaryFolder, {recursive: true});
	const temporary = join(layout.temporaryFolder, randomUUID());
	try {
		const sealing = sealWithTrailer(makeTrailer);
		await pipeline(body, sealing, createWriteStream(temporary, {flags: 'wx', mode: 0o600}), {
			signal: options.signal,
		});
		const etag = sealing.etag();
		if (options.md5 && options.md5.toLowerCase() !== etag) {
			throw new BadRequest(`Upload of ${ref.key} arrived corrupted (MD5 mismatch)`, {
				...ref,
				status: 422,
			});
		}
		const target = layout.objectFile(ref);
		await mkdir(join(target, '..'), {recursive: true});
		const trailer = sealing.trailer();
		const {mtimeMs} = await stat(temporary);
		const bytes = trailer.segments
			? trailer.segments.reduce((total, segment) => total + segment.bytes, 0)
			: sealing.bodyBytes();
		const object = {
			kind: 'object' as const,
			key: ref.key,
			bytes,
			hash: etag,
			lastModified: lastModifiedOf(mtimeMs),
			contentType: trailer.contentType,
		};
		await recorded(
			layout.containerFolder(ref.container),
			{kind: 'put', id: writeId(), object},
			() => (options.createOnly ? linkOnce(temporary, target, ref) : rename(temporary, target)),
		);
		return {etag};
	} finally {
		await rm(temporary, {force: true});
	}
}

async function linkOnce(temporary: string, target: string, ref: ObjectRef): Promise<void> {
	try {
		await link(temporary, target);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
			throw new Conflict(`${ref.key} already exists`, {...ref, status: 412});
		}
		throw error;
	}
}

export async function deleteObject(layout: StoreLayout, ref: ObjectRef): Promise<void> {
	const folder = layout.containerFolder(ref.container);
	await recorded(folder, {kind: 'delete', id: writeId(), key: ref.key}, async () => {
		try {
			await unlink(layout.objectFile(ref));
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT' || code === 'ENOTDIR')
				throw new NotFound(`No object ${ref.key} in ${ref.container}`, {...ref, status: 404});
			throw error;
		}
	});
	await removeEmptyFolders(folder, objectPath(ref.key).slice(0, -1));
}

async function removeEmptyFolders(containerPath: string, folders: string[]): Promise<void> {
	for (let depth = folders.length; depth > 0; depth--) {
		try {
			await rmdir(join(containerPath, ...folders.slice(0, depth)));
		} catch {
			return;
		}
	}
}
