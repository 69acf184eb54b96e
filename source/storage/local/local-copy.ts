import type {CallOptions, CopyResult, ObjectRef, ObjectStore} from '../store.js';

/**
 * The folder store's copy: the bytes are read and written on this disk (there is no network to
 * spare), content type and metadata kept; a large object becomes one plain object, so nothing
 * is shared with the original.
 */
export async function copyThroughStore(
	store: ObjectStore,
	from: ObjectRef,
	to: ObjectRef,
	options: CallOptions = {},
): Promise<CopyResult> {
	const {head, body} = await store.get(from, options);
	const {etag} = await store.put(to, body, {
		contentType: head.contentType,
		metadata: head.metadata,
		signal: options.signal,
	});
	return {etag, bytes: head.bytes, segments: 0, metadata: head.metadata};
}
