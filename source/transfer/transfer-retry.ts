import {StorageError, Timeout, Unauthorized, Unavailable} from '../storage/errors/index.js';
import {systemClock, withRetries as retryLoop, type RetryClock} from '../storage/retry.js';

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
	/** Time and chance (tests pass their own). */
	clock?: RetryClock;
	/** Told before each pause (a debug log, tests). */
	onRetry?: (error: unknown, attempt: number) => void;
};

/**
 * The transfer's policy for the one retry loop (`storage/retry.ts`), for what the HTTP client
 * cannot repeat by itself: a streamed body (a segment PUT from the file, a GET whose body broke
 * off), sent again from a fresh stream or resumed with a range. Calls without a stream (HEAD, a
 * manifest, a container) are retried by the store and never wrapped here, so no call is tried
 * attempts × retries.
 *
 * Runs `attempt` until it succeeds, a failure is not transient, the attempts run out or the
 * signal aborts. A 401 is retried at once (the store renewed the session); other transient
 * failures after a jittered exponential pause. The last error is thrown as it is.
 */
export async function withRetries<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	context: RetryContext = {},
): Promise<T> {
	let unauthorized = 0;
	try {
		const {value} = await retryLoop(async (retry) => attempt(retry + 1), {
			policy: {
				retries: Math.max(1, context.retry?.attempts ?? 5) - 1,
				baseDelayMs: context.retry?.baseDelayMs ?? 500,
				maxDelayMs: context.retry?.maxDelayMs ?? 8000,
				maxRetryAfterMs: 0,
			},
			clock: context.clock ?? systemClock,
			signal: context.signal,
			enabled: true,
			retryResponse: () => false,
			retryError(error) {
				if (!isTransient(error)) return false;
				if (!(error instanceof Unauthorized)) return true;
				return ++unauthorized <= unauthorizedRetries && {retryAfterMs: 0};
			},
			discard: async () => undefined,
			onRetry: (retry, _delayMs, reason) => context.onRetry?.(reason, retry),
		});
		return value;
	} catch (error) {
		// The loop stops with the signal's own error: the caller gets the reason it gave.
		if (context.signal?.aborted) throw context.signal.reason;
		throw error;
	}
}
