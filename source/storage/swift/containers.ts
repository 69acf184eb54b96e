import type {CallOptions} from '../store.js';
import {containerPath} from './object-url.js';
import {errorFromResponse} from './response-errors.js';
import type {SwiftClient} from './swift-client.js';
import {ok} from './swift-response.js';

/** Whether the container exists (a 404 is an answer here, not an error). */
export async function containerExists(
	client: SwiftClient,
	container: string,
	callOptions: CallOptions = {},
): Promise<boolean> {
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
}

export async function createContainer(
	client: SwiftClient,
	container: string,
	callOptions: CallOptions = {},
): Promise<void> {
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
}
