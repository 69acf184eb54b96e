import test from 'ava';
import {withRetries, type RetryClock} from '../../source/storage/retry.js';

function fakeClock() {
	const sleeps: number[] = [];
	const clock: RetryClock = {
		async sleep(ms, signal) {
			sleeps.push(ms);
			signal?.throwIfAborted();
		},
		random: () => 0.5,
		now: () => 0,
	};
	return {clock, sleeps};
}

const policy = {retries: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000};

function options(clock: RetryClock, overrides = {}) {
	return {
		policy,
		clock,
		enabled: true,
		retryResponse: (status: number) => status >= 500 && {},
		retryError: (error: unknown) => (error as Error).message === 'dropped',
		discard: async () => undefined,
		...overrides,
	};
}

test('server errors are retried with growing delays until one succeeds', async (t) => {
	const {clock, sleeps} = fakeClock();
	const answers = [503, 500, 200];
	const result = await withRetries(async () => answers.shift() ?? 0, options(clock));
	t.deepEqual(result, {value: 200, retries: 2});
	t.deepEqual(sleeps, [50, 100]);
});

test('the last answer is handed back when the retries are spent', async (t) => {
	const {clock, sleeps} = fakeClock();
	let attempts = 0;
	const result = await withRetries(async () => {
		attempts++;
		return 503;
	}, options(clock));
	t.deepEqual(result, {value: 503, retries: 3});
	t.is(attempts, 4);
	t.is(sleeps.length, 3);
});

test('a retried answer is discarded, the final one is not', async (t) => {
	const {clock} = fakeClock();
	const discarded: number[] = [];
	const answers = [502, 504, 201];
	await withRetries(
		async () => answers.shift() ?? 0,
		options(clock, {
			discard: async (value: number) => {
				discarded.push(value);
			},
		}),
	);
	t.deepEqual(discarded, [502, 504]);
});

test('a dropped connection is retried, another error is not', async (t) => {
	const {clock} = fakeClock();
	let attempts = 0;
	const value = await withRetries(async () => {
		if (attempts++ === 0) throw new Error('dropped');
		return 200;
	}, options(clock));
	t.is(value.value, 200);
	await t.throwsAsync(
		withRetries(async () => {
			throw new Error('bad request body');
		}, options(clock)),
		{message: 'bad request body'},
	);
});

test('a call that must not repeat is tried once', async (t) => {
	const {clock, sleeps} = fakeClock();
	let attempts = 0;
	const result = await withRetries(
		async () => {
			attempts++;
			return 503;
		},
		options(clock, {enabled: false}),
	);
	t.deepEqual(result, {value: 503, retries: 0});
	t.is(attempts, 1);
	t.deepEqual(sleeps, []);
	await t.throwsAsync(
		withRetries(
			async () => {
				throw new Error('dropped');
			},
			options(clock, {enabled: false}),
		),
		{message: 'dropped'},
	);
});

test('Retry-After sets the pause; too long a pause is not waited for', async (t) => {
	const {clock, sleeps} = fakeClock();
	const answers = [429, 200];
	await withRetries(
		async () => answers.shift() ?? 0,
		options(clock, {retryResponse: (status: number) => status === 429 && {retryAfterMs: 2000}}),
	);
	t.deepEqual(sleeps, [2000]);
	const result = await withRetries(
		async () => 429,
		options(clock, {retryResponse: () => ({retryAfterMs: 60_000})}),
	);
	t.deepEqual(result, {value: 429, retries: 0});
});

test('an abort during the pause rejects with the abort reason', async (t) => {
	const controller = new AbortController();
	const clock: RetryClock = {
		async sleep(_ms, signal) {
			controller.abort();
			signal?.throwIfAborted();
		},
		random: () => 0.5,
		now: () => 0,
	};
	const error = await withRetries(async () => 503, {
		...options(clock),
		signal: controller.signal,
	}).catch((error_: unknown) => error_);
	t.is((error as Error).name, 'AbortError');
});
