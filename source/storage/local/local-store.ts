import {createHash, randomUUID} from 'node:crypto';
import {createReadStream, createWriteStream} from 'node:fs';
import {link, mkdir, rename, rm, rmdir, stat, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {BadRequest, Conflict, NotFound, StorageError} from '../errors/index.js';
import type {
	CallOptions,
	DeleteManyResult,
	GetOptions,
	GetResult,
	ListEntry,
	ListOptions,
	ManifestOptions,
	ObjectHead,
	ObjectRef,
	ObjectStore,
	PutBody,
	PutOptions,
	PutResult,
	SegmentRef,
} from '../store.js';
import {encodeSegment, objectPath} from './encoded-names.js';
import {
	readObjectFile,
	readObjectFileSync,
	sealWithTrailer,
	type ObjectTrailer,
	type StoredObject,
} from './object-file.js';
import {walkInKeyOrder} from './ordered-walk.js';

export type LocalStoreOptions = {root: string; description?: string};

/**
 * An object store in a folder: the embedded demo store and the offline store. It keeps the
 * semantics the rest of ivjm relies on from Swift: byte-ordered listings, content type and
 * metadata, ETags, conditional create, and atomic writes (temp file, then rename or link).
 */
export function createLocalStore(options: LocalStoreOptions): ObjectStore {
	const {root} = options;
	const temporaryFolder = join(root, '.tmp');
	const containerFolder = (container: string) => join(root, encodeSegment(container));
	const objectFile = ({container, key}: ObjectRef) =>
		join(containerFolder(container), ...objectPath(key));

	async function requireContainer(container: string): Promise<void> {
		try {
			await stat(containerFolder(container));
		} catch {
			throw new NotFound(`Container ${container} does not exist`, {container, status: 404});
		}
	}

	async function load(ref: ObjectRef): Promise<StoredObject> {
		try {
			return await readObjectFile(objectFile(ref));
		} catch (error) {
			if (isMissing(error))
				throw new NotFound(`No object ${ref.key} in ${ref.container}`, {...ref, status: 404});
			throw new StorageError(`Could not read ${ref.key}`, {...ref, cause: error});
		}
	}

	function headOf(ref: ObjectRef, stored: StoredObject): ObjectHead {
		const bytes = stored.trailer.segments
			? sum(stored.trailer.segments.map((s) => s.bytes))
			: stored.bodyBytes;
		return {
			key: ref.key,
			bytes,
			etag: stored.trailer.etag,
			contentType: stored.trailer.contentType,
			lastModified: stored.mtime.toISOString(),
			metadata: {...stored.trailer.metadata},
			manifest: stored.trailer.manifest,
		};
	}

	/** Streams `body` into a temp file followed by its trailer, then moves it to `ref`. */
	async function writeObject(
		ref: ObjectRef,
		body: Readable,
		makeTrailer: (etag: string) => ObjectTrailer,
		options: PutOptions,
	): Promise<PutResult> {
		options.signal?.throwIfAborted();
		await requireContainer(ref.container);
		await mkdir(temporaryFolder, {recursive: true});
		const temporary = join(temporaryFolder, randomUUID());
		try {
			const sealing = sealWithTrailer(makeTrailer);
			await pipeline(body, sealing, createWriteStream(temporary, {flags: 'wx', mode: 0o600}), {
				signal: options.signal,
			});
			if (options.md5 && options.md5.toLowerCase() !== sealing.etag()) {
				throw new BadRequest(`Upload of ${ref.key} arrived corrupted (MD5 mismatch)`, {
					...ref,
					status: 422,
				});
			}
			const target = objectFile(ref);
			await mkdir(join(target, '..'), {recursive: true});
			if (options.createOnly) await linkOnce(temporary, target, ref);
			else await rename(temporary, target);
			return {etag: sealing.etag()};
		} finally {
			await rm(temporary, {force: true});
		}
	}

	const store: ObjectStore = {
		description: options.description ?? `local store ${root}`,

		async *list(container: string, listOptions: ListOptions = {}): AsyncIterable<ListEntry> {
			const {prefix = '', delimiter, marker, signal} = listOptions;
			signal?.throwIfAborted();
			await requireContainer(container);
			let lastPrefix: string | undefined;
			// Sync trailer reads: the walk hands the event loop a turn every few ms, these included.
			for await (const file of walkInKeyOrder(containerFolder(container), {prefix, marker})) {
				signal?.throwIfAborted();
				if (delimiter) {
					const cut = file.key.indexOf(delimiter, prefix.length);
					if (cut !== -1) {
						const commonPrefix = file.key.slice(0, cut + delimiter.length);
						if (commonPrefix !== lastPrefix) yield {kind: 'prefix', prefix: commonPrefix};
						lastPrefix = commonPrefix;
						continue;
					}
				}
				let stored: StoredObject;
				try {
					stored = readObjectFileSync(file.path);
				} catch (error) {
					if (isMissing(error)) continue; // deleted since its folder was read
					throw error;
				}
				const head = headOf({container, key: file.key}, stored);
				yield {
					kind: 'object',
					key: file.key,
					bytes: head.bytes,
					hash: head.etag,
					lastModified: head.lastModified,
					contentType: head.contentType,
				};
			}
		},

		async head(ref: ObjectRef, callOptions: CallOptions = {}): Promise<ObjectHead> {
			callOptions.signal?.throwIfAborted();
			return headOf(ref, await load(ref));
		},

		async get(ref: ObjectRef, getOptions: GetOptions = {}): Promise<GetResult> {
			getOptions.signal?.throwIfAborted();
			const stored = await load(ref);
			const head = headOf(ref, stored);
			if (getOptions.ifMatch !== undefined && getOptions.ifMatch !== head.etag) {
				throw new Conflict(`${ref.key} changed since it was last read`, {...ref, status: 412});
			}
			const start = getOptions.range?.start ?? 0;
			const end = Math.min(getOptions.range?.end ?? head.bytes - 1, head.bytes - 1);
			if (getOptions.range && start >= head.bytes && head.bytes > 0) {
				throw new BadRequest(`Range ${start}- is beyond the end of ${ref.key}`, {
					...ref,
					status: 416,
				});
			}
			const pieces = stored.trailer.segments
				? segmentPieces(stored.trailer.segments, start, end)
				: [{file: objectFile(ref), start, end}];
			const body = Readable.from(readPieces(pieces, store), {objectMode: false});
			const {signal} = getOptions;
			if (signal) {
				const stop = () => body.destroy(signal.reason as Error);
				signal.addEventListener('abort', stop, {once: true});
				// Many reads share one signal (a whole refresh): let go of it when this body ends.
				body.once('close', () => signal.removeEventListener('abort', stop));
			}
			return {head, body};
		},

		async put(ref: ObjectRef, body: PutBody, putOptions: PutOptions = {}): Promise<PutResult> {
			const contentType = putOptions.contentType ?? 'application/octet-stream';
			const metadata = lowerCaseKeys(putOptions.metadata ?? {});
			const stream =
				body instanceof Readable
					? body
					: Readable.from([typeof body === 'string' ? Buffer.from(body) : Buffer.from(body)]);
			return writeObject(
				ref,
				stream,
				(etag) => ({contentType, etag, metadata, manifest: 'none'}),
				putOptions,
			);
		},

		async putManifest(
			ref: ObjectRef,
			segments: SegmentRef[],
			manifestOptions: ManifestOptions = {},
		): Promise<PutResult> {
			for (const segment of segments) {
				const head = await store.head(segment);
				if (head.etag !== segment.etag || head.bytes !== segment.bytes) {
					throw new BadRequest(`Segment ${segment.key} does not match the manifest`, {
						...ref,
						status: 400,
					});
				}
			}
			// Swift's SLO ETag: the MD5 of the segments' ETags joined.
			const etag = createHash('md5')
				.update(segments.map((s) => s.etag).join(''))
				.digest('hex');
			const trailer: ObjectTrailer = {
				contentType: manifestOptions.contentType ?? 'application/octet-stream',
				etag,
				metadata: lowerCaseKeys(manifestOptions.metadata ?? {}),
				manifest: 'slo',
				segments,
			};
			await writeObject(ref, Readable.from([]), () => trailer, manifestOptions);
			return {etag};
		},

		async delete(ref: ObjectRef, callOptions: CallOptions = {}): Promise<void> {
			callOptions.signal?.throwIfAborted();
			await requireContainer(ref.container);
			try {
				await unlink(objectFile(ref));
			} catch (error) {
				if (isMissing(error))
					throw new NotFound(`No object ${ref.key} in ${ref.container}`, {...ref, status: 404});
				throw error;
			}
			await removeEmptyFolders(containerFolder(ref.container), objectPath(ref.key).slice(0, -1));
		},

		async deleteMany(
			container: string,
			keys: string[],
			callOptions: CallOptions = {},
		): Promise<DeleteManyResult> {
			const result: DeleteManyResult = {deleted: 0, notFound: 0, failed: []};
			for (const key of keys) {
				try {
					await store.delete({container, key}, callOptions);
					result.deleted++;
				} catch (error) {
					if (error instanceof NotFound) result.notFound++;
					else
						result.failed.push({
							key,
							reason: error instanceof Error ? error.message : String(error),
						});
				}
			}
			return result;
		},

		async containerExists(container: string): Promise<boolean> {
			try {
				return (await stat(containerFolder(container))).isDirectory();
			} catch {
				return false;
			}
		},

		async createContainer(container: string): Promise<void> {
			await mkdir(containerFolder(container), {recursive: true, mode: 0o700});
		},
	};
	return store;
}

type Piece =
	{file: string; start: number; end: number} | {segment: SegmentRef; start: number; end: number};

function segmentPieces(segments: SegmentRef[], start: number, end: number): Piece[] {
	const pieces: Piece[] = [];
	let offset = 0;
	for (const segment of segments) {
		const segmentEnd = offset + segment.bytes - 1;
		if (segmentEnd >= start && offset <= end) {
			pieces.push({
				segment,
				start: Math.max(start, offset) - offset,
				end: Math.min(end, segmentEnd) - offset,
			});
		}
		offset += segment.bytes;
	}
	return pieces;
}

async function* readPieces(pieces: Piece[], store: ObjectStore): AsyncIterable<Buffer> {
	for (const piece of pieces) {
		if (piece.end < piece.start) continue;
		if ('file' in piece) {
			yield* createReadStream(piece.file, {
				start: piece.start,
				end: piece.end,
			}) as AsyncIterable<Buffer>;
		} else {
			const {body} = await store.get(piece.segment, {range: {start: piece.start, end: piece.end}});
			yield* body as AsyncIterable<Buffer>;
		}
	}
}

async function linkOnce(temporary: string, target: string, ref: ObjectRef): Promise<void> {
	try {
		// link() fails if the target exists: an atomic create-only, like Swift's If-None-Match: *.
		await link(temporary, target);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
			throw new Conflict(`${ref.key} already exists`, {...ref, status: 412});
		}
		throw error;
	}
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

function lowerCaseKeys(record: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(record).map(([name, value]) => [name.toLowerCase(), value]),
	);
}

function isMissing(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code === 'ENOENT' || code === 'ENOTDIR';
}

function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
