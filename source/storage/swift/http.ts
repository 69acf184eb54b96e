import type {IncomingHttpHeaders} from 'node:http';
import type {Readable} from 'node:stream';
import {Agent, type Dispatcher} from 'undici';
import type {StorageErrorDetails} from '../errors/index.js';
import {isDroppedConnection, networkError} from './network-errors.js';
import {
	defaultRetryPolicy,
	systemClock,
	withRetries,
	type RetryClock,
	type RetryPolicy,
} from '../retry.js';
import {parseRetryAfter} from '../retry-timing.js';

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

/** A body that can be sent again (bytes) or only once (a stream). */
export type HttpBody = string | Uint8Array | Readable;

export type HttpRequest = {
	method: HttpMethod;
	/** `https://host:port`. */
	origin: string;
	/** Already percent-encoded path and query: sent as is, never normalised (`..` stays). */
	path: string;
	headers?: Record<string, string>;
	body?: HttpBody;
	signal?: AbortSignal;
	/** Safe to send twice. Even then a stream body is sent once only. */
	idempotent: boolean;
	/** Container and key for the errors of this request. */
	context?: Omit<StorageErrorDetails, 'cause' | 'status' | 'transId'>;
};

export type HttpResponse = {
	status: number;
	headers: IncomingHttpHeaders;
	body: Dispatcher.ResponseData['body'];
	/** Earlier attempts were made: one of them may have reached the server. */
	retried: boolean;
};

export type HttpClient = {
	send(request: HttpRequest): Promise<HttpResponse>;
	close(): Promise<void>;
};

export type HttpClientOptions = {
	/** Time to open a TCP (and TLS) connection. */
	connectTimeoutMs?: number;
	/** Time from sending a request to its response headers. */
	headersTimeoutMs?: number;
	/** Longest pause between two chunks of a response body: a stalled download fails. */
	bodyTimeoutMs?: number;
	/** Sockets kept open per server. */
	connections?: number;
	retry?: Partial<RetryPolicy>;
	clock?: RetryClock;
	/** Told before each retry (tests count them; a debug log may print them). */
	onRetry?: (request: HttpRequest, retry: number, delayMs: number) => void;
};

/** 499 is Swift's Client Disconnect: it stopped waiting for the body (a stall on the way). */
const retryStatuses = new Set([408, 429, 499, 500, 502, 503, 504]);

export function isReplayable(body: HttpBody | undefined): boolean {
	return body === undefined || typeof body === 'string' || body instanceof Uint8Array;
}

/**
 * Pooled keep-alive HTTP with timeouts, and retries with backoff for calls that are safe to
 * repeat. Network failures become our typed errors; HTTP statuses are returned as they are.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
	const agent = new Agent({
		connect: {timeout: options.connectTimeoutMs ?? 10_000},
		headersTimeout: options.headersTimeoutMs ?? 60_000,
		bodyTimeout: options.bodyTimeoutMs ?? 60_000,
		keepAliveTimeout: 30_000,
		connections: options.connections ?? 16,
	});
	const policy = {...defaultRetryPolicy, ...options.retry};
	const clock = options.clock ?? systemClock;

	async function attempt(request: HttpRequest): Promise<HttpResponse> {
		const response = await agent.request({
			origin: request.origin,
			path: request.path,
			method: request.method,
			headers: request.headers,
			body: request.body,
			signal: request.signal,
		});
		return {
			status: response.statusCode,
			headers: response.headers,
			body: response.body,
			retried: false,
		};
	}

	return {
		async send(request) {
			request.signal?.throwIfAborted();
			try {
				const {value, retries} = await withRetries(async () => attempt(request), {
					policy,
					clock,
					signal: request.signal,
					enabled: request.idempotent && isReplayable(request.body),
					retryResponse: (response) =>
						retryStatuses.has(response.status) && {
							retryAfterMs: parseRetryAfter(header(response.headers, 'retry-after'), clock.now()),
						},
					retryError: isDroppedConnection,
					discard: async (response) => response.body.dump(),
					onRetry: (retry, delayMs) => options.onRetry?.(request, retry, delayMs),
				});
				return {...value, retried: retries > 0};
			} catch (error) {
				request.signal?.throwIfAborted();
				throw networkError(error, request.origin, request.context);
			}
		},
		async close() {
			await agent.close();
		},
	};
}

/** One header's value: the first one when a header is repeated. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}
