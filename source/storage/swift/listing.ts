import type {ListEntry, ListOptions} from '../store.js';
import {isoTime} from './object-head.js';
import {containerPath, queryString} from './object-url.js';
import {errorFromResponse} from './response-errors.js';
import type {SwiftClient} from './swift-client.js';

type ListingRow =
	| {subdir: string}
	| {name: string; bytes: number; hash: string; content_type: string; last_modified: string};

/** Swift's `container_listing_limit` default: no page is longer. */
export const swiftPageLimit = 10_000;

function entryOf(row: ListingRow): ListEntry {
	if ('subdir' in row) return {kind: 'prefix', prefix: row.subdir};
	return {
		kind: 'object',
		key: row.name,
		bytes: row.bytes,
		hash: row.hash,
		lastModified: isoTime(row.last_modified),
		contentType: row.content_type,
	};
}

/**
 * Every entry of a container listing, page after page with `marker`: one page holds at most
 * 10,000 names, and stopping there is how the Python tools lose jobs.
 */
export async function* listContainer(
	client: SwiftClient,
	container: string,
	options: ListOptions = {},
	pageSize = swiftPageLimit,
): AsyncGenerator<ListEntry> {
	let marker = options.marker;
	// A cluster with a lower limit refuses ours (412): then page until an empty page.
	let limit: number | undefined = pageSize;
	for (;;) {
		const response = await client.send({
			method: 'GET',
			path:
				containerPath(container) +
				queryString({
					format: 'json',
					limit,
					prefix: options.prefix || undefined,
					delimiter: options.delimiter || undefined,
					marker: marker || undefined,
				}),
			headers: {accept: 'application/json'},
			signal: options.signal,
			idempotent: true,
			context: {container},
		});
		if (response.status === 412 && limit !== undefined) {
			await response.body.dump();
			limit = undefined;
			continue;
		}
		if (response.status === 204) {
			await response.body.dump();
			return;
		}
		if (response.status !== 200) {
			throw await errorFromResponse(response, {
				container,
				action: `list container ${container}`,
				messages: {404: `Container ${container} does not exist`},
			});
		}
		const rows = (await response.body.json()) as ListingRow[];
		for (const row of rows) yield entryOf(row);
		const last = rows.at(-1);
		if (!last || (limit !== undefined && rows.length < limit)) return;
		marker = 'subdir' in last ? last.subdir : last.name;
	}
}
