import {setTimeout as sleep} from 'node:timers/promises';
import {retryDelay, type RetryTiming} from './retry-timing.js';

export type RetryPolicy = RetryTiming & {
	/** Attempts after the first one. */
	retries: number;
};

export const defaultRetryPolicy: RetryPolicy = {
	retries: 4,
	baseDelayMs: 250,
	maxDelayMs: 8000,
	maxRetryAfterMs: 60_000,
};

/** Time and chance, passed in so tests run without waiting or guessing. */
export type RetryClock = {
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	random(): number;
	now(): number;
};

export const systemClock: RetryClock = {
	sleep: async (ms, signal) => sleep(ms, undefined, {signal}),
	random: Math.random,
	now: Date.now,
};

export type RetryVerdict = false | {retryAfterMs?: number};

export type RetryOptions<T> = {
	policy: RetryPolicy;
	clock: RetryClock;
	signal?: AbortSignal;
	/** False for a call that must not run twice: one attempt only. */
	enabled: boolean;
	/** Whether a response is worth another attempt (5xx, 408, 429), with its Retry-After. */
	retryResponse(value: T): RetryVerdict;
	/**
	 * Whether a thrown error is worth another attempt (a dropped or refused connection): `true`
	 * after the backoff, `{retryAfterMs}` after that pause (0: at once), `false` not at all.
	 */
	retryError(error: unknown): boolean | RetryVerdict;
	/** Releases a response dropped in favour of a retry. */
	discard(value: T): Promise<void>;
	onRetry?: (retry: number, delayMs: number, reason: T | unknown) => void;
};

export type Retried<T> = {value: T; retries: number};

/**
 * The one retry loop of ivjm: the HTTP client runs every replayable call through it, and the
 * transfer layer (transfer/transfer-retry.ts) runs a streamed body through it with its own policy.
 *
 * Runs `attempt` until it gives a response not worth retrying, the policy's retries are spent,
 * or the signal aborts (then it rejects with the signal's reason). The last response is handed
 * back whatever its status: turning it into an error is the caller's business.
 */
export async function withRetries<T>(
	attempt: (retry: number) => Promise<T>,
	options: RetryOptions<T>,
): Promise<Retried<T>> {
	const {policy, clock, signal} = options;
	for (let retry = 0; ; retry++) {
		const mayRetry = options.enabled && retry < policy.retries;
		let value: T;
		try {
			value = await attempt(retry);
		} catch (error) {
			signal?.throwIfAborted();
			const again = mayRetry ? options.retryError(error) : false;
			if (again === false) throw error;
			const retryAfterMs = again === true ? undefined : again.retryAfterMs;
			const delayMs = retryDelay(retry + 1, policy, clock.random, retryAfterMs);
			if (delayMs === undefined) throw error;
			options.onRetry?.(retry + 1, delayMs, error);
			await pause(clock, delayMs, signal);
			continue;
		}
		const verdict = mayRetry ? options.retryResponse(value) : false;
		const delayMs =
			verdict === false
				? undefined
				: retryDelay(retry + 1, policy, clock.random, verdict.retryAfterMs);
		if (delayMs === undefined) return {value, retries: retry};
		await options.discard(value);
		options.onRetry?.(retry + 1, delayMs, value);
		await pause(clock, delayMs, signal);
	}
}

async function pause(clock: RetryClock, ms: number, signal?: AbortSignal): Promise<void> {
	try {
		await clock.sleep(ms, signal);
	} catch (error) {
		signal?.throwIfAborted();
		throw error;
	}
	signal?.throwIfAborted();
}
