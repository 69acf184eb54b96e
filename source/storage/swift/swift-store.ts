import {createHash} from 'node:crypto';
import {PassThrough, type Readable} from 'node:stream';
import {NotFound} from '../errors/index.js';
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
import type {Authenticator} from './auth/session.js';
import {bulkDelete} from './bulk-delete.js';
import {fetchCapabilities, type SwiftCapabilities} from './capabilities.js';
import {
	createHttpClient,
	header,
	isReplayable,
	type HttpClient,
	type HttpResponse,
} from './http.js';
import {listContainer, swiftPageLimit} from './listing.js';
import {mapLimit} from '../../util/map-limit.js';
import {networkError} from './network-errors.js';
import {headFromHeaders, metadataHeaders, unquote} from './object-head.js';
import {containerPath, objectPath, queryString} from './object-url.js';
import {errorFromResponse} from './response-errors.js';
import {createSwiftClient} from './swift-client.js';

export type SwiftStoreOptions = {
	auth: Authenticator;
	/** Shared with the authenticator to pool connections; made here when absent (and closed by `close`). */
	http?: HttpClient;
	/** DELETEs at once when the cluster has no bulk delete. Default 8. */
	deleteConcurrency?: number;
	/** Names per listing request (Swift's maximum is 10,000). */
	listPageSize?: number;
	description?: string;
};

export type SwiftStore = ObjectStore & {
	/** What `/info` says this cluster offers (read once). */
	capabilities(options?: CallOptions): Promise<SwiftCapabilities>;
	/** Closes the connections this store opened. */
	close(): Promise<void>;
};

const ok = (response: HttpResponse) => response.status >= 200 && response.status < 300;

function where(ref: ObjectRef): string {
	return `${ref.key} in container ${ref.container}`;
}

/**
 * The object store over OpenStack Swift (CSC Allas). Bodies stream both ways; a 401 renews the
 * session and repeats the call, except for a stream upload, which fails with `Unauthorized` so
 * the transfer layer can send that part again from a fresh stream (the session is renewed by then).
 */
export function createSwiftStore(options: SwiftStoreOptions): SwiftStore {
	const ownsHttp = options.http === undefined;
	const http = options.http ?? createHttpClient();
	const client = createSwiftClient(options.auth, http);
	const deleteConcurrency = options.deleteConcurrency ?? 8;
	let capabilities: Promise<SwiftCapabilities> | undefined;

	/** The body of a GET, whose mid-transfer failures are our typed errors too. */
	function typedBody(
		source: Readable,
		ref: ObjectRef,
		origin: string,
		signal?: AbortSignal,
	): Readable {
		const body = new PassThrough();
		source.on('error', (error) => {
			body.destroy(signal?.aborted ? (signal.reason as Error) : networkError(error, origin, ref));
		});
		body.on('close', () => source.destroy());
		source.pipe(body);
		return body;
	}

	const store: SwiftStore = {
		description: options.description ?? `Swift (${options.auth.description})`,

		list(container: string, listOptions: ListOptions = {}): AsyncIterable<ListEntry> {
			return listContainer(client, container, listOptions, options.listPageSize ?? swiftPageLimit);
		},

		async head(ref: ObjectRef, callOptions: CallOptions = {}): Promise<ObjectHead> {
			const response = await client.send({
				method: 'HEAD',
				path: objectPath(ref),
				signal: callOptions.signal,
				idempotent: true,
				context: ref,
			});
			if (!ok(response)) {
				throw await errorFromResponse(response, {
					...ref,
					action: `read the details of ${where(ref)}`,
					messages: {404: `No object ${where(ref)}`},
				});
			}
			await response.body.dump();
			return headFromHeaders(ref.key, response.headers);
		},

		async get(ref: ObjectRef, getOptions: GetOptions = {}): Promise<GetResult> {
			const headers: Record<string, string> = {};
			const {range, ifMatch, signal} = getOptions;
			if (range) headers.range = `bytes=${range.start}-${range.end ?? ''}`;
			if (ifMatch !== undefined) headers['if-match'] = `"${unquote(ifMatch)}"`;
			const response = await client.send({
				method: 'GET',
				path: objectPath(ref),
				headers,
				signal,
				idempotent: true,
				context: ref,
			});
			if (!ok(response)) {
				// Nothing of an error page ever reaches the caller as content.
				throw await errorFromResponse(response, {
					...ref,
					action: `read ${where(ref)}`,
					messages: {
						404: `No object ${where(ref)}`,
						412: `${ref.key} changed since it was last read`,
						416: `Range ${range?.start ?? 0}- is beyond the end of ${ref.key}`,
					},
				});
			}
			const location = await client.location(signal);
			return {
				head: headFromHeaders(ref.key, response.headers),
				body: typedBody(response.body, ref, location.origin, signal),
			};
		},

		async put(ref: ObjectRef, body: PutBody, putOptions: PutOptions = {}): Promise<PutResult> {
			const headers: Record<string, string> = {
				'content-type': putOptions.contentType ?? 'application/octet-stream',
				...metadataHeaders(putOptions.metadata),
			};
			if (putOptions.createOnly) headers['if-none-match'] = '*';
			if (putOptions.md5) headers.etag = putOptions.md5.toLowerCase();
			if (putOptions.contentLength !== undefined) {
				headers['content-length'] = String(putOptions.contentLength);
			}
			const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
			const response = await client.send({
				method: 'PUT',
				path: objectPath(ref),
				headers,
				body: payload,
				signal: putOptions.signal,
				idempotent: true,
				context: ref,
			});
			if (ok(response)) {
				await response.body.dump();
				return {etag: unquote(header(response.headers, 'etag'))};
			}
			if (
				response.status === 412 &&
				putOptions.createOnly &&
				response.retried &&
				payload instanceof Uint8Array
			) {
				// An earlier attempt may have created it before its answer was lost: ours if it holds our bytes.
				await response.body.dump();
				const ours = createHash('md5').update(payload).digest('hex');
				const existing = await store.head(ref, putOptions).catch(() => undefined);
				if (existing?.etag === ours) return {etag: ours};
			}
			throw await errorFromResponse(response, {
				...ref,
				action: `write ${where(ref)}`,
				messages: {
					401: isReplayable(payload)
						? undefined
						: `The session expired while ${ref.key} was uploading; it was renewed, send the upload again`,
					404: `Container ${ref.container} does not exist`,
					412: `${ref.key} already exists`,
					422: `Upload of ${ref.key} arrived corrupted (MD5 mismatch)`,
				},
			});
		},

		async putManifest(
			ref: ObjectRef,
			segments: SegmentRef[],
			manifestOptions: ManifestOptions = {},
		): Promise<PutResult> {
			const manifest = segments.map((segment) => ({
				path: `/${segment.container}/${segment.key}`,
				etag: segment.etag,
				size_bytes: segment.bytes,
			}));
			const headers: Record<string, string> = {
				'content-type': manifestOptions.contentType ?? 'application/octet-stream',
				...metadataHeaders(manifestOptions.metadata),
			};
			if (manifestOptions.createOnly) headers['if-none-match'] = '*';
			const response = await client.send({
				method: 'PUT',
				path: objectPath(ref) + queryString({'multipart-manifest': 'put'}),
				headers,
				body: JSON.stringify(manifest),
				signal: manifestOptions.signal,
				idempotent: true,
				context: ref,
			});
			if (!ok(response)) {
				throw await errorFromResponse(response, {
					...ref,
					action: `write the large-object manifest ${where(ref)}`,
					messages: {
						404: `Container ${ref.container} does not exist`,
						412: `${ref.key} already exists`,
					},
				});
			}
			await response.body.dump();
			return {etag: unquote(header(response.headers, 'etag'))};
		},

		async delete(ref: ObjectRef, callOptions: CallOptions = {}): Promise<void> {
			const response = await client.send({
				method: 'DELETE',
				path: objectPath(ref),
				signal: callOptions.signal,
				idempotent: true,
				context: ref,
			});
			if (!ok(response)) {
				throw await errorFromResponse(response, {
					...ref,
					action: `delete ${where(ref)}`,
					messages: {404: `No object ${where(ref)}`},
				});
			}
			await response.body.dump();
		},

		async deleteMany(
			container: string,
			keys: string[],
			callOptions: CallOptions = {},
		): Promise<DeleteManyResult> {
			if (keys.length === 0) return {deleted: 0, notFound: 0, failed: []};
			const {bulkDelete: bulk} = await store.capabilities(callOptions);
			if (bulk) {
				return bulkDelete(client, container, keys, bulk.maxDeletesPerRequest, callOptions.signal);
			}
			const result: DeleteManyResult = {deleted: 0, notFound: 0, failed: []};
			await mapLimit(keys, deleteConcurrency, async (key) => {
				try {
					await store.delete({container, key}, callOptions);
					result.deleted++;
				} catch (error) {
					callOptions.signal?.throwIfAborted();
					if (error instanceof NotFound) result.notFound++;
					else result.failed.push({key, reason: (error as Error).message});
				}
			});
			return result;
		},

		async containerExists(container: string, callOptions: CallOptions = {}): Promise<boolean> {
			const response = await client.send({
				method: 'HEAD',
				path: containerPath(container),
				signal: callOptions.signal,
				idempotent: true,
				context: {container},
			});
			if (response.status === 404) {
				await response.body.dump();
				return false;
			}
			if (!ok(response)) {
				throw await errorFromResponse(response, {
					container,
					action: `look up container ${container}`,
				});
			}
			await response.body.dump();
			return true;
		},

		async createContainer(container: string, callOptions: CallOptions = {}): Promise<void> {
			const response = await client.send({
				method: 'PUT',
				path: containerPath(container),
				signal: callOptions.signal,
				idempotent: true,
				context: {container},
			});
			if (!ok(response)) {
				throw await errorFromResponse(response, {
					container,
					action: `create container ${container}`,
				});
			}
			await response.body.dump();
		},

		async capabilities(callOptions: CallOptions = {}): Promise<SwiftCapabilities> {
			capabilities ??= client
				.location(callOptions.signal)
				.then(async (location) => fetchCapabilities(http, location));
			try {
				return await capabilities;
			} catch (error) {
				capabilities = undefined;
				throw error;
			}
		},

		async close() {
			if (ownsHttp) await http.close();
		},
	};
	return store;
}
