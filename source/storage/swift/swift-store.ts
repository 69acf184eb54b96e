import {NotFound} from '../errors/index.js';
import type {CallOptions, DeleteManyResult, ListEntry, ListOptions, ObjectStore} from '../store.js';
import type {Authenticator} from './auth/session.js';
import {bulkDelete} from './bulk-delete.js';
import {fetchCapabilities, type SwiftCapabilities} from './capabilities.js';
import {containerExists, createContainer} from './containers.js';
import {createHttpClient, type HttpClient} from './http.js';
import {listContainer, swiftPageLimit} from './listing.js';
import {mapLimit} from '../../util/map-limit.js';
import {getObject, headObject} from './object-read.js';
import {deleteObject, putManifest, putObject} from './object-write.js';
import {copyObject} from './object-copy.js';
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

	const store: SwiftStore = {
		description: options.description ?? `Swift (${options.auth.description})`,
		list: (container: string, listOptions: ListOptions = {}): AsyncIterable<ListEntry> =>
			listContainer(client, container, listOptions, options.listPageSize ?? swiftPageLimit),
		head: async (ref, callOptions) => headObject(client, ref, callOptions),
		get: async (ref, getOptions) => getObject(client, ref, getOptions),
		put: async (ref, body, putOptions) => putObject(client, ref, body, putOptions),
		putManifest: async (ref, segments, manifestOptions) =>
			putManifest(client, ref, segments, manifestOptions),
		copy: async (from, to, callOptions) => copyObject(client, from, to, callOptions),
		delete: async (ref, callOptions) => deleteObject(client, ref, callOptions),
		containerExists: async (container, callOptions) =>
			containerExists(client, container, callOptions),
		createContainer: async (container, callOptions) =>
			createContainer(client, container, callOptions),

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
