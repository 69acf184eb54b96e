import {PassThrough, type Readable} from 'node:stream';
import type {CallOptions, GetOptions, GetResult, ObjectHead, ObjectRef} from '../store.js';
import {networkError} from './network-errors.js';
import {headFromHeaders, unquote} from './object-head.js';
import {objectPath} from './object-url.js';
import {errorFromResponse} from './response-errors.js';
import type {SwiftClient} from './swift-client.js';
import {ok, where} from './swift-response.js';

/** An object's details, without its bytes. */
export async function headObject(
	client: SwiftClient,
	ref: ObjectRef,
	callOptions: CallOptions = {},
): Promise<ObjectHead> {
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
}

/** An object's bytes, streamed; a range and an `If-Match` as asked. */
export async function getObject(
	client: SwiftClient,
	ref: ObjectRef,
	getOptions: GetOptions = {},
): Promise<GetResult> {
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
}

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
