/**
 * How long to wait between attempts: pure, so it is tested without a clock. The one backoff of
 * ivjm: the HTTP client's retries (storage/swift/retry.ts) and the transfer's (a streamed body
 * sent again, transfer/transfer-retry.ts) both pause by it.
 */
export type RetryTiming = {
	/** Ceiling of the first retry's delay; each further retry doubles it. */
	baseDelayMs: number;
	/** No backoff ceiling grows past this. */
	maxDelayMs: number;
	/** A server asking (Retry-After) for a longer pause than this is not waited for. */
	maxRetryAfterMs: number;
};

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(max, base * 2^(retry-1))).
 * `retry` counts from 1; `random` returns a number in [0, 1).
 */
export function backoffDelay(
	retry: number,
	timing: Pick<RetryTiming, 'baseDelayMs' | 'maxDelayMs'>,
	random: () => number,
): number {
	const ceiling = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** Math.max(0, retry - 1));
	return Math.floor(random() * ceiling);
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds from `nowMs`, if readable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	const text = value?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * The delay before retry number `retry`: the server's Retry-After when it gave one, else the
 * jittered backoff. `undefined` means do not retry: the server asked for too long a pause.
 */
export function retryDelay(
	retry: number,
	timing: RetryTiming,
	random: () => number,
	retryAfterMs?: number,
): number | undefined {
	if (retryAfterMs === undefined) return backoffDelay(retry, timing, random);
	return retryAfterMs > timing.maxRetryAfterMs ? undefined : retryAfterMs;
}
