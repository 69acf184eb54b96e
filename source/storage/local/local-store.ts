import {createHash} from 'node:crypto';
import {mkdir, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {BadRequest, NotFound} from '../errors/index.js';
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
import {eventLoopTurns} from './event-loop-turns.js';
import {listIndexed} from './listing-index/listing-index.js';
import type {ObjectTrailer} from './object-file.js';
import {headOf, loadObject, readObject} from './object-reader.js';
import {deleteObject, writeObject, type StoreLayout} from './object-writer.js';
import {copyThroughStore} from './local-copy.js';

export type LocalStoreOptions = {root: string; description?: string};

/**
 * An object store in a folder: the embedded demo store and the offline store. It keeps the
 * semantics the rest of ivjm relies on from Swift: byte-ordered listings, content type and
 * metadata, ETags, conditional create, and atomic writes (temp file, then rename or link).
 * Listings come from an index each container keeps beside its objects (listing-index/).
 */
export function createLocalStore(options: LocalStoreOptions): ObjectStore {
	const {root} = options;
	const containerFolder = (container: string) => join(root, encodeSegment(container));
	const layout: StoreLayout = {
		temporaryFolder: join(root, '.tmp'),
		containerFolder,
		objectFile: ({container, key}) => join(containerFolder(container), ...objectPath(key)),
	};

	// Reads are sync: an overview's 10,000 task.json files must not hold the event loop throughout.
	const turn = eventLoopTurns();

	async function requireContainer(container: string): Promise<void> {
		try {
			await stat(containerFolder(container));
		} catch {
			throw new NotFound(`Container ${container} does not exist`, {container, status: 404});
		}
	}

	const store: ObjectStore = {
		description: options.description ?? `local store ${root}`,
		// object-writer.ts links a create-only object into place: the link fails if it exists.
		atomicCreateOnly: true,

		async *list(container: string, listOptions: ListOptions = {}): AsyncIterable<ListEntry> {
			const {prefix = '', delimiter, marker, signal} = listOptions;
			signal?.throwIfAborted();
			await requireContainer(container);
			let lastPrefix: string | undefined;
			for await (const object of listIndexed(
				containerFolder(container),
				{prefix, marker},
				signal,
			)) {
				if (delimiter) {
					const cut = object.key.indexOf(delimiter, prefix.length);
					if (cut !== -1) {
						const commonPrefix = object.key.slice(0, cut + delimiter.length);
						if (commonPrefix !== lastPrefix) yield {kind: 'prefix', prefix: commonPrefix};
						lastPrefix = commonPrefix;
						continue;
					}
				}
				yield object;
			}
		},

		async head(ref: ObjectRef, callOptions: CallOptions = {}): Promise<ObjectHead> {
			callOptions.signal?.throwIfAborted();
			return headOf(ref, loadObject(ref, layout.objectFile(ref)));
		},

		async get(ref: ObjectRef, getOptions: GetOptions = {}): Promise<GetResult> {
			await turn();
			getOptions.signal?.throwIfAborted();
			const path = layout.objectFile(ref);
			return readObject(ref, path, loadObject(ref, path, true), store, getOptions);
		},

		async put(ref: ObjectRef, body: PutBody, putOptions: PutOptions = {}): Promise<PutResult> {
			putOptions.signal?.throwIfAborted();
			await requireContainer(ref.container);
			const contentType = putOptions.contentType ?? 'application/octet-stream';
			const metadata = lowerCaseKeys(putOptions.metadata ?? {});
			const stream =
				body instanceof Readable
					? body
					: Readable.from([typeof body === 'string' ? Buffer.from(body) : Buffer.from(body)]);
			const trailer = (etag: string): ObjectTrailer => ({
				contentType,
				etag,
				metadata,
				manifest: 'none',
			});
			return writeObject(layout, ref, stream, trailer, putOptions);
		},

		copy: async (from, to, callOptions) => copyThroughStore(store, from, to, callOptions),

		async putManifest(
			ref: ObjectRef,
			segments: SegmentRef[],
			manifestOptions: ManifestOptions = {},
		): Promise<PutResult> {
			manifestOptions.signal?.throwIfAborted();
			await requireContainer(ref.container);
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
			await writeObject(layout, ref, Readable.from([]), () => trailer, manifestOptions);
			return {etag};
		},

		async delete(ref: ObjectRef, callOptions: CallOptions = {}): Promise<void> {
			callOptions.signal?.throwIfAborted();
			await requireContainer(ref.container);
			await deleteObject(layout, ref);
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

function lowerCaseKeys(record: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(record).map(([name, value]) => [name.toLowerCase(), value]),
	);
}
