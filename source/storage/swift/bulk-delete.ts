import {StorageError} from '../errors/index.js';
import type {DeleteManyResult} from '../store.js';
import {containerPath, encodeKey, queryString} from './object-url.js';
import {errorFromResponse, transId} from './response-errors.js';
import type {SwiftClient} from './swift-client.js';

type BulkDeleteBody = {
	'Number Deleted'?: number;
	'Number Not Found'?: number;
	'Response Status'?: string;
	'Response Body'?: string;
	Errors?: Array<[string, string]>;
};

function keyOfPath(path: string, container: string): string {
	let name = path;
	try {
		name = decodeURIComponent(path);
	} catch {
		// Keep the name as Swift sent it.
	}
	const prefix = `/${container}/`;
	return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/**
 * Swift's bulk delete: one POST removes up to `max` objects, named one per line as
 * `/container/key`, percent-encoded. The answer lists what was deleted, missing or refused.
 */
export async function bulkDelete(
	client: SwiftClient,
	container: string,
	keys: readonly string[],
	max: number,
	signal?: AbortSignal,
): Promise<DeleteManyResult> {
	const result: DeleteManyResult = {deleted: 0, notFound: 0, failed: []};
	for (let start = 0; start < keys.length; start += max) {
		const batch = keys.slice(start, start + max);
		const response = await client.send({
			method: 'POST',
			path: queryString({'bulk-delete': true}),
			headers: {'content-type': 'text/plain', accept: 'application/json'},
			body: batch
				.map((key) => `${containerPath(container)}/${encodeKey(key, container)}`)
				.join('\n'),
			signal,
			// Not repeated after a failure: a second run would count deleted objects as missing.
			idempotent: false,
			context: {container},
		});
		if (response.status !== 200) {
			throw await errorFromResponse(response, {
				container,
				action: `delete objects in ${container}`,
			});
		}
		const body = (await response.body.json()) as BulkDeleteBody;
		const errors = body.Errors ?? [];
		const status = body['Response Status'] ?? '200 OK';
		if (!/^2\d\d/.test(status) && errors.length === 0) {
			throw new StorageError(
				`Could not delete objects in ${container}: ${status} ${body['Response Body'] ?? ''}`.trim(),
				{container, status: Number.parseInt(status, 10) || undefined, transId: transId(response)},
			);
		}
		result.deleted += body['Number Deleted'] ?? 0;
		result.notFound += body['Number Not Found'] ?? 0;
		for (const [path, reason] of errors) {
			result.failed.push({key: keyOfPath(path, container), reason});
		}
	}
	return result;
}
