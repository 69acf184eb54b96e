import {NotFound} from '../storage/errors/index.js';
import type {ObjectStore} from '../storage/store.js';

/**
 * The text of a small object the listing just showed (a marker, a task.json), or undefined when
 * it was deleted since or is larger than `maxBytes` (read no further: a description is ~1 KB).
 */
export async function readSmallText(
	store: ObjectStore,
	bucket: string,
	key: string,
	maxBytes: number,
	signal?: AbortSignal,
): Promise<string | undefined> {
	let result;
	try {
		result = await store.get({container: bucket, key}, {signal});
	} catch (error) {
		if (error instanceof NotFound) return undefined;
		throw error;
	}

	const chunks: Buffer[] = [];
	let bytes = 0;
	for await (const chunk of result.body as AsyncIterable<Buffer>) {
		bytes += chunk.length;
		if (bytes > maxBytes) {
			result.body.destroy();
			return undefined;
		}

		chunks.push(chunk);
	}

	return Buffer.concat(chunks).toString('utf8');
}
