import {setTimeout as sleep} from 'node:timers/promises';
import {StorageError, Timeout, Unauthorized, Unavailable} from '../storage/errors/index.js';
import {backoffDelay} from '../storage/retry-timing.js';

export type TransferRetry = {
	/** Attempts per segment (or range) in all, the first included (default 5). */
	attempts?: number;
	/** Ceiling of the first pause; each further pause doubles it, with full jitter (default 500 ms). */
	baseDelayMs?: number;
	/** No pause is longer than this (default 8 s). */
	maxDelayMs?: number;
};

/** A fresh session is fetched by the store before it answers `Unauthorized`: retry at once, twice at most. */
const unauthorizedRetries = 2;

/** Worth another try: the network or the server failed, or the session was renewed meanwhile. */
export function isTransient(error: unknown): boolean {
	if (error instanceof Unavailable || error instanceof Timeout || error instanceof Unauthorized) {
		return true;
	}
	// Swift's 422: the bytes it received had another MD5 than announced (corrupted on the way).
	return error instanceof StorageError && error.status === 422;
}

export type RetryContext = {
	signal?: AbortSignal;
	retry?: TransferRetry;
	/** Told before each pause (a debug log, tests). */
	onRetry?: (error: unknown, attempt: number) => void;
};

/**
 * The transfer's own retries are only for what the HTTP client cannot repeat by itself: a
 * streamed body (a segment PUT from the file, a GET whose body broke off), sent again from a
 * fresh stream or resumed with a range. Calls without a stream (HEAD, a manifest, a container)
 * are retried by the store and are never wrapped here, so no call is tried attempts × retries.
 *
 * Runs `attempt` until it succeeds, a failure is not transient, the attempts run out or the
 * signal aborts. A 401 is retried at once (the store renewed the session); other transient
 * failures after a jittered exponential pause. The last error is thrown as it is.
 */
export async function withRetries<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	context: RetryContext = {},
): Promise<T> {
	const attempts = Math.max(1, context.retry?.attempts ?? 5);
	const baseDelayMs = context.retry?.baseDelayMs ?? 500;
	const maxDelayMs = context.retry?.maxDelayMs ?? 8000;
	let failures = 0;
	let unauthorized = 0;
	for (let number = 1; ; number++) {
		context.signal?.throwIfAborted();
		try {
			return await attempt(number);
		} catch (error) {
			if (context.signal?.aborted) throw context.signal.reason;
			if (!isTransient(error)) throw error;
			if (error instanceof Unauthorized) {
				if (++unauthorized > unauthorizedRetries) throw error;
				context.onRetry?.(error, number);
				continue;
			}
			if (++failures >= attempts) throw error;
			context.onRetry?.(error, number);
			const delayMs = backoffDelay(failures, {baseDelayMs, maxDelayMs}, Math.random);
			await sleep(delayMs, undefined, {signal: context.signal}).catch((error: unknown) => {
				throw context.signal?.aborted ? context.signal.reason : error;
			});
		}
	}
}
