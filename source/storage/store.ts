import type {Readable} from 'node:stream';

/** Where an object lives: a Swift container (the "bucket" of the Python tools) and a key in it. */
export type ObjectRef = {container: string; key: string};

export type ManifestKind = 'none' | 'slo' | 'dlo';

/** One row of a listing. */
export type ListedObject = {
	kind: 'object';
	key: string;
	bytes: number;
	/** Swift's `hash`: the MD5 of a plain object; for a manifest it is not the content's MD5. */
	hash: string;
	lastModified: string;
	contentType: string;
};

/** A common prefix, returned instead of objects when a delimiter is given. */
export type ListedPrefix = {kind: 'prefix'; prefix: string};

export type ListEntry = ListedObject | ListedPrefix;

export type ListOptions = {
	prefix?: string;
	delimiter?: string;
	/** Start after this key (exclusive), as Swift's `marker`. */
	marker?: string;
	signal?: AbortSignal;
};

export type ObjectHead = {
	key: string;
	bytes: number;
	/** Unquoted ETag. For SLO/DLO manifests this is not the MD5 of the content. */
	etag: string;
	contentType: string;
	lastModified: string;
	/** `X-Object-Meta-*` values, with the prefix removed and the name lower-cased. */
	metadata: Record<string, string>;
	manifest: ManifestKind;
};

export type ByteRange = {start: number; end?: number};

export type GetOptions = {
	range?: ByteRange;
	/** Fail with `Conflict` (412) unless the object's ETag still equals this. */
	ifMatch?: string;
	signal?: AbortSignal;
};

export type GetResult = {head: ObjectHead; body: Readable};

export type PutBody = Readable | Uint8Array | string;

export type PutOptions = {
	contentType?: string;
	metadata?: Record<string, string>;
	/** Only create: a `Conflict` if the object exists (Swift's `If-None-Match: *`). */
	createOnly?: boolean;
	/** Hex MD5 the server must see, or it rejects the upload (Swift's `ETag` request header). */
	md5?: string;
	/** Required by Swift for a streamed body without chunked encoding; optional otherwise. */
	contentLength?: number;
	signal?: AbortSignal;
};

export type PutResult = {etag: string};

/** One segment of a static large object, in order. */
export type SegmentRef = {container: string; key: string; etag: string; bytes: number};

export type ManifestOptions = Omit<PutOptions, 'md5' | 'contentLength'>;

export type DeleteManyResult = {
	deleted: number;
	notFound: number;
	failed: Array<{key: string; reason: string}>;
};

export type CallOptions = {signal?: AbortSignal};

/** What a server-side copy made: the new object's ETag, size, segments and (copied) metadata. */
export type CopyResult = {
	etag: string;
	bytes: number;
	/** Segments copied for a large object (0 for a plain one). */
	segments: number;
	metadata: Record<string, string>;
};

/**
 * The one storage interface everything above `storage/` uses. Adapters: a real Swift
 * (`swift/`) and a folder on disk (`local/`). Errors are the typed classes of `errors/`.
 */
export type ObjectStore = {
	/** Human words for the header: "demo store ~/.local/share/ivjm/demo", "swift https://…". */
	readonly description: string;
	/**
	 * A create-only PUT is decided in one step (the folder store links the file: exactly one
	 * racer gets it), so a writer need not wait for a racing PUT to land. Swift checks
	 * `If-None-Match` before it writes, and so leaves this unset.
	 */
	readonly atomicCreateOnly?: boolean;
	list(container: string, options?: ListOptions): AsyncIterable<ListEntry>;
	head(ref: ObjectRef, options?: CallOptions): Promise<ObjectHead>;
	get(ref: ObjectRef, options?: GetOptions): Promise<GetResult>;
	put(ref: ObjectRef, body: PutBody, options?: PutOptions): Promise<PutResult>;
	/** Writes a static large object manifest; a GET of `ref` then returns the segments joined. */
	putManifest(
		ref: ObjectRef,
		segments: SegmentRef[],
		options?: ManifestOptions,
	): Promise<PutResult>;
	/** Copies an object inside the store, bytes never leaving it; a large object gets its own segments. */
	copy(from: ObjectRef, to: ObjectRef, options?: CallOptions): Promise<CopyResult>;
	/** Deletes one object; a missing object is a `NotFound`. */
	delete(ref: ObjectRef, options?: CallOptions): Promise<void>;
	deleteMany(container: string, keys: string[], options?: CallOptions): Promise<DeleteManyResult>;
	containerExists(container: string, options?: CallOptions): Promise<boolean>;
	createContainer(container: string, options?: CallOptions): Promise<void>;
};
