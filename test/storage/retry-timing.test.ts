import test from 'ava';
import {backoffDelay, parseRetryAfter, retryDelay} from '../../source/storage/retry-timing.js';

const timing = {baseDelayMs: 250, maxDelayMs: 8000, maxRetryAfterMs: 60_000};
const highest = () => 0.999_999;
const lowest = () => 0;

test('the backoff ceiling doubles with each retry up to the maximum', (t) => {
	t.deepEqual(
		[1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelay(retry, timing, highest)),
		[249, 499, 999, 1999, 3999, 7999, 7999],
	);
});

test('full jitter spreads the delay from zero to the ceiling', (t) => {
	t.is(backoffDelay(3, timing, lowest), 0);
	t.is(
		backoffDelay(3, timing, () => 0.5),
		500,
	);
});

test('Retry-After in seconds or as an HTTP date', (t) => {
	const now = Date.parse('2026-01-01T10:00:00Z');
	t.is(parseRetryAfter('3', now), 3000);
	t.is(parseRetryAfter(' 0 ', now), 0);
	t.is(parseRetryAfter('Thu, 01 Jan 2026 10:00:30 GMT', now), 30_000);
	t.is(parseRetryAfter('Thu, 01 Jan 2026 09:00:00 GMT', now), 0);
	t.is(parseRetryAfter('soon', now), undefined);
	t.is(parseRetryAfter(undefined, now), undefined);
	t.is(parseRetryAfter('', now), undefined);
});

test("the server's Retry-After wins over the backoff, unless it asks too much", (t) => {
	t.is(retryDelay(1, timing, highest, 5000), 5000);
	t.is(retryDelay(1, timing, highest, 0), 0);
	t.is(retryDelay(1, timing, highest, 120_000), undefined);
	t.is(retryDelay(2, timing, highest), 499);
});
