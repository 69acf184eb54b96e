import {createHash} from 'node:crypto';
import type {
	CallOptions,
	ManifestOptions,
	ObjectRef,
	PutBody,
	PutOptions,
	PutResult,
	SegmentRef,
} from '../store.js';
import {header, isReplayable} from './http.js';
import {metadataHeaders, unquote} from './object-head.js';
import {objectPath, queryString} from './object-url.js';
import {headObject} from './object-read.js';
import {errorFromResponse} from './response-errors.js';
import type {SwiftClient} from './swift-client.js';
import {ok, where} from './swift-response.js';

/** An object written from bytes or a stream, with its MD5 checked by Swift when given. */
export async function putObject(
	client: SwiftClient,
	ref: ObjectRef,
	body: PutBody,
	putOptions: PutOptions = {},
): Promise<PutResult> {
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
		const existing = await headObject(client, ref, putOptions).catch(() => undefined);
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
}

/** A static large object's manifest: the segments in order, each with its ETag and size. */
export async function putManifest(
	client: SwiftClient,
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
}

export async function deleteObject(
	client: SwiftClient,
	ref: ObjectRef,
	callOptions: CallOptions = {},
): Promise<void> {
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
}
