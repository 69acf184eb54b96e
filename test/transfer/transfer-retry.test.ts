import test from 'ava';
import {NotFound, Unauthorized, Unavailable} from '../../source/storage/errors/index.js';
import {withRetries} from '../../source/transfer/transfer-retry.js';

const fast = {retry: {baseDelayMs: 1}};

test('a transient failure is tried again until it succeeds', async (t) => {
	let attempts = 0;
	const result = await withRetries(async () => {
		if (++attempts < 3) throw new Unavailable('reset');
		return 'stored';
	}, fast);
	t.is(result, 'stored');
	t.is(attempts, 3);
});

test('a failure that is not transient is thrown at once', async (t) => {
	let attempts = 0;
	await t.throwsAsync(
		withRetries(async () => {
			attempts++;
			throw new NotFound('gone');
		}, fast),
		{instanceOf: NotFound},
	);
	t.is(attempts, 1);
});

test('after the last attempt the last error is thrown', async (t) => {
	let attempts = 0;
	await t.throwsAsync(
		withRetries(
			async () => {
				throw new Unavailable(`attempt ${++attempts}`);
			},
			{retry: {attempts: 4, baseDelayMs: 1}},
		),
		{message: 'attempt 4'},
	);
});

test('a 401 is retried at once, twice at most: a token that cannot be renewed fails', async (t) => {
	let attempts = 0;
	const started = Date.now();
	await t.throwsAsync(
		withRetries(
			async () => {
				attempts++;
				throw new Unauthorized('sign in again', {status: 401});
			},
			{retry: {baseDelayMs: 10_000}},
		),
		{instanceOf: Unauthorized},
	);
	t.is(attempts, 3);
	t.true(Date.now() - started < 1000);
});

test('an abort during the pause stops the retries with the abort reason', async (t) => {
	const controller = new AbortController();
	const reason = new Error('cancelled by the person');
	setTimeout(() => controller.abort(reason), 20);
	await t.throwsAsync(
		withRetries(
			async () => {
				throw new Unavailable('reset');
			},
			{signal: controller.signal, retry: {baseDelayMs: 60_000}},
		),
		{is: reason},
	);
});

test('the pauses are the one backoff of the storage loop, on the clock given: doubling from the base, capped', async (t) => {
	const pauses: number[] = [];
	const clock = {
		sleep: async (ms: number) => {
			pauses.push(ms);
		},
		random: () => 0.5,
		now: () => 0,
	};
	let attempts = 0;
	await t.throwsAsync(
		withRetries(
			async () => {
				attempts++;
				throw new Unavailable('reset');
			},
			{clock, retry: {attempts: 6, baseDelayMs: 1000, maxDelayMs: 5000}},
		),
		{instanceOf: Unavailable},
	);
	t.is(attempts, 6);
	// Half of each ceiling (random 0.5): 1 s, 2 s, 4 s, then the 5 s cap.
	t.deepEqual(pauses, [500, 1000, 2000, 2500, 2500]);
});
