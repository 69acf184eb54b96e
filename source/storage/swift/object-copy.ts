import {StorageError} from '../errors/index.js';
import type {CallOptions, CopyResult, ObjectRef, SegmentRef} from '../store.js';
import {encodeKey, objectPath, queryString} from './object-url.js';
import {unquote} from './object-head.js';
import {headObject} from './object-read.js';
import {putManifest} from './object-write.js';
import {errorFromResponse} from './response-errors.js';
import {header} from './http.js';
import type {SwiftClient} from './swift-client.js';
import {ok, where} from './swift-response.js';

/** One line of a static large object's manifest, as `?multipart-manifest=get` returns it. */
type ManifestLine = {name: string; hash: string; bytes: number};

/**
 * A server-side copy: no byte goes through this process. A plain object is one PUT with
 * `X-Copy-From` (Swift copies its metadata along). A static large object is not copied as its
 * manifest (`?multipart-manifest=get` semantics would leave both objects pointing at the same
 * segments, and deleting the old job would break the new one), nor as one joined object (Swift
 * caps that at 5 GiB): each segment is copied to a name of the new object's own, beside the
 * originals, and a new manifest with the original's metadata joins them. Each copy's ETag (the
 * MD5 of its bytes) must equal the original's, and Swift checks every segment's ETag and size
 * when it takes the manifest, so the new object holds exactly the old one's bytes and its
 * SHA-256 metadata still describes them.
 */
export async function copyObject(
	client: SwiftClient,
	from: ObjectRef,
	to: ObjectRef,
	options: CallOptions = {},
): Promise<CopyResult> {
	const head = await headObject(client, from, options);
	if (head.manifest === 'dlo') {
		throw new StorageError(`${where(from)} is a dynamic large object: it cannot be copied safely`, {
			...from,
		});
	}

	if (head.manifest === 'none') {
		const etag = await copyPlain(client, from, to, options);
		if (etag !== head.etag) throw mismatch(from, to, head.etag, etag);
		return {etag, bytes: head.bytes, segments: 0, metadata: head.metadata};
	}

	const lines = await manifestOf(client, from, options);
	const segments: SegmentRef[] = [];
	for (const [index, line] of lines.entries()) {
		const source = segmentRef(line.name);
		const target = {
			container: source.container,
			key: segmentKey(from.key, to.key, source.key, index),
		};
		const etag = await copyPlain(client, source, target, options);
		if (etag !== line.hash) throw mismatch(source, target, line.hash, etag);
		segments.push({...target, etag, bytes: line.bytes});
	}

	const {etag} = await putManifest(client, to, segments, {
		contentType: head.contentType,
		metadata: head.metadata,
		signal: options.signal,
	});
	const copied = await headObject(client, to, options);
	const lost = Object.keys(head.metadata).find(
		(name) => copied.metadata[name] !== head.metadata[name],
	);
	if (copied.bytes !== head.bytes || lost !== undefined) {
		throw mismatch(
			from,
			to,
			`${head.bytes} bytes${lost ? `, metadata ${lost}` : ''}`,
			`${copied.bytes} bytes`,
		);
	}

	return {etag, bytes: head.bytes, segments: segments.length, metadata: copied.metadata};
}

async function copyPlain(
	client: SwiftClient,
	from: ObjectRef,
	to: ObjectRef,
	options: CallOptions,
): Promise<string> {
	const response = await client.send({
		method: 'PUT',
		path: objectPath(to),
		headers: {
			'x-copy-from': `/${encodeURIComponent(from.container)}/${encodeKey(from.key, from.container)}`,
			'content-length': '0',
		},
		signal: options.signal,
		idempotent: true,
		context: to,
	});
	if (!ok(response)) {
		throw await errorFromResponse(response, {
			...to,
			action: `copy ${where(from)} to ${to.key}`,
			messages: {404: `No object ${where(from)}, or no container ${to.container}`},
		});
	}

	await response.body.dump();
	return unquote(header(response.headers, 'etag'));
}

async function manifestOf(
	client: SwiftClient,
	ref: ObjectRef,
	options: CallOptions,
): Promise<ManifestLine[]> {
	const response = await client.send({
		method: 'GET',
		path: objectPath(ref) + queryString({'multipart-manifest': 'get'}),
		signal: options.signal,
		idempotent: true,
		context: ref,
	});
	if (!ok(response)) {
		throw await errorFromResponse(response, {...ref, action: `read the manifest of ${where(ref)}`});
	}

	return (await response.body.json()) as ManifestLine[];
}

/** `/container/key` of a manifest line (Swift gives it unencoded). */
function segmentRef(name: string): ObjectRef {
	const slash = name.indexOf('/', 1);
	return {container: name.slice(1, slash), key: name.slice(slash + 1)};
}

/** The new object's segment: the old name under the new key, else `<new key>/copy/<index>`. */
function segmentKey(fromKey: string, toKey: string, segment: string, index: number): string {
	return segment.startsWith(`${fromKey}/`)
		? `${toKey}/${segment.slice(fromKey.length + 1)}`
		: `${toKey}/copy/${String(index).padStart(8, '0')}`;
}

function mismatch(from: ObjectRef, to: ObjectRef, expected: string, found: string): StorageError {
	return new StorageError(
		`The copy of ${where(from)} to ${to.key} does not match it (${expected} expected, ${found} found)`,
		{...to},
	);
}
