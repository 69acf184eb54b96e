import type {Readable} from 'node:stream';
import {
	BadRequest,
	Conflict,
	Forbidden,
	NotFound,
	StorageError,
	Timeout,
	Unauthorized,
	Unavailable,
} from '../errors/index.js';
import {header, type HttpResponse} from './http.js';

export type ErrorContext = {
	container?: string;
	key?: string;
	/** What was being done, in words: "read jobs/a/task.json from container x". */
	action: string;
	/** Messages for statuses whose meaning depends on the call (412, 404, 401…). */
	messages?: Partial<Record<number, string>>;
};

/** Swift's id of one request, for a report to the operators (Keystone: X-Openstack-Request-Id). */
export function transId(response: Pick<HttpResponse, 'headers'>): string | undefined {
	return (
		header(response.headers, 'x-trans-id') ??
		header(response.headers, 'x-openstack-request-id') ??
		undefined
	);
}

/** Reads at most `limit` bytes of text and releases the rest of the body. */
export async function readSnippet(body: Readable, limit = 2048): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
			chunks.push(buffer);
			size += buffer.length;
			if (size >= limit) break;
		}
	} catch {
		// The body is only a hint for the message.
	}
	// undici reports a destroyed body as an error: nobody else listens any more.
	body.on('error', () => undefined);
	body.destroy();
	return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/** Plain words out of an error body: HTML tags and JSON quoting removed, one line. */
export function bodyHint(text: string): string {
	let hint = text;
	try {
		const parsed = JSON.parse(text) as {error?: {message?: unknown}};
		if (typeof parsed.error?.message === 'string') hint = parsed.error.message;
	} catch {
		hint = text.replace(/<[^>]*>/g, ' ');
	}
	return hint.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** Our typed error for an HTTP answer that is not a success. Consumes the body. */
export async function errorFromResponse(
	response: HttpResponse,
	context: ErrorContext,
): Promise<StorageError> {
	const {status} = response;
	const hint = bodyHint(await readSnippet(response.body));
	const details = {
		container: context.container,
		key: context.key,
		status,
		transId: transId(response),
	};
	const given = context.messages?.[status];
	const explain = (fallback: string) => given ?? fallback;
	const withHint = (text: string) => (hint && given === undefined ? `${text}: ${hint}` : text);
	switch (status) {
		case 400:
		case 411:
		case 413:
		case 416:
		case 422:
			return new BadRequest(
				withHint(explain(`Could not ${context.action} (HTTP ${status})`)),
				details,
			);
		case 401:
			return new Unauthorized(
				explain(`Could not ${context.action}: the session token was refused (HTTP 401)`),
				details,
			);
		case 403:
			return new Forbidden(
				explain(`Could not ${context.action}: access denied for this account (HTTP 403)`),
				details,
			);
		case 404:
			return new NotFound(explain(`Could not ${context.action}: not found (HTTP 404)`), details);
		case 408:
			return new Timeout(explain(`Could not ${context.action}: the server timed out`), details);
		case 499:
			// Swift's "Client Disconnect": the body stalled on the way and the proxy gave up on it.
			return new Timeout(
				explain(
					`Could not ${context.action}: the upload stalled and Swift gave up waiting (HTTP 499)`,
				),
				details,
			);
		case 409:
		case 412:
			return new Conflict(
				withHint(explain(`Could not ${context.action} (HTTP ${status})`)),
				details,
			);
		default:
	}
	if (status === 429 || status >= 500) {
		return new Unavailable(
			explain(`Could not ${context.action}: the storage service is unavailable (HTTP ${status})`),
			details,
		);
	}
	return new StorageError(withHint(`Could not ${context.action} (HTTP ${status})`), details);
}
