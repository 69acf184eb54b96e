import type {ListingEntry} from '../protocol/listing.js';
import type {ListEntry, ListOptions, ObjectStore} from '../storage/store.js';

/** A store listing as the protocol's folds read it: objects only, each as key, size and time. */
export async function* listingEntries(
	store: ObjectStore,
	container: string,
	options: ListOptions,
	onEntry?: (entry: Extract<ListEntry, {kind: 'object'}>) => void,
): AsyncIterable<ListingEntry> {
	for await (const entry of store.list(container, options)) {
		if (entry.kind !== 'object') continue;
		onEntry?.(entry);
		yield {key: entry.key, bytes: entry.bytes, lastModified: entry.lastModified};
	}
}
