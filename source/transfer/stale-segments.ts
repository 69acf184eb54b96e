import {segmentsContainer} from '../protocol/keys.js';
import {NotFound} from '../storage/errors/index.js';
import type {ObjectRef, ObjectStore} from '../storage/store.js';

/**
 * Segment names of earlier uploads of one object, as python-swiftclient (and ivjm) lay them
 * out in `<container>_segments`: `<key>/slo/<mtime>/<size>/<segment size>/<index>` for static
 * large objects, `<key>/<mtime>/<size>/<segment size>/<index>` for dynamic ones. Segments of an
 * object whose key merely starts with `<key>/` (`out/x` under `out`) do not match.
 */
const segmentName = /^(?:slo\/)?\d+(?:\.\d+)?\/\d+\/\d+\/\d+$/u;

/**
 * Deletes the segments that earlier uploads of `ref` left behind and the object now stored no
 * longer uses (those under `keepPrefix` are its own), as `swift upload` does when it replaces a
 * large object: otherwise they stay in the project's quota for ever. Best effort: the upload
 * itself has succeeded, so a failure here is only reported in the count.
 */
export async function removeStaleSegments(
	store: ObjectStore,
	ref: ObjectRef,
	keepPrefix: string | undefined,
	signal?: AbortSignal,
): Promise<{removed: number; failed: number}> {
	const container = segmentsContainer(ref.container);
	const prefix = `${ref.key}/`;
	const stale: string[] = [];
	try {
		for await (const entry of store.list(container, {prefix, signal})) {
			if (entry.kind !== 'object') continue;
			if (keepPrefix !== undefined && entry.key.startsWith(keepPrefix)) continue;
			if (segmentName.test(entry.key.slice(prefix.length))) stale.push(entry.key);
		}
		if (stale.length === 0) return {removed: 0, failed: 0};
		const result = await store.deleteMany(container, stale, {signal});
		return {removed: result.deleted + result.notFound, failed: result.failed.length};
	} catch (error) {
		if (signal?.aborted) throw signal.reason;
		// No segments container: nothing was ever segmented here.
		if (error instanceof NotFound) return {removed: 0, failed: 0};
		return {removed: 0, failed: stale.length};
	}
}
