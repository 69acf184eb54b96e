import {Readable} from 'node:stream';
import test from 'ava';
import {Timeout, Unavailable} from '../../../source/storage/errors/index.js';
import {createHttpClient, type HttpClientOptions} from '../../../source/storage/swift/http.js';
import type {RetryClock} from '../../../source/storage/retry.js';
import {bodyOf, startServer, startTlsServer} from './local-server.js';

/** A clock that records the pauses and does not wait. */
function fastClient(options: HttpClientOptions = {}) {
	const sleeps: number[] = [];
	const clock: RetryClock = {
		async sleep(ms) {
			sleeps.push(ms);
		},
		random: () => 0.5,
		now: () => Date.parse('2026-01-01T00:00:00Z'),
	};
	return {http: createHttpClient({clock, ...options}), sleeps};
}

test('503s are retried, honouring Retry-After, until a good answer', async (t) => {
	let calls = 0;
	const server = await startServer((_request, response) => {
		calls++;
		if (calls < 3) response.writeHead(503, {'retry-after': '2'}).end('busy');
		else response.end('fine');
	});
	const {http, sleeps} = fastClient();
	const response = await http.send({
		method: 'GET',
		origin: server.origin,
		path: '/x',
		idempotent: true,
	});
	t.is(response.status, 200);
	t.is(await response.body.text(), 'fine');
	t.true(response.retried);
	t.deepEqual(sleeps, [2000, 2000]);
	await http.close();
	await server.close();
});

test('408, 429 and 5xx are retried with jittered backoff; the retries end', async (t) => {
	const statuses = [408, 429, 500, 502, 504, 503];
	const server = await startServer((_request, response) => {
		response.writeHead(statuses.shift() ?? 200).end();
	});
	const {http, sleeps} = fastClient({retry: {retries: 4, baseDelayMs: 100}});
	const response = await http.send({
		method: 'HEAD',
		origin: server.origin,
		path: '/',
		idempotent: true,
	});
	t.is(response.status, 504);
	t.deepEqual(sleeps, [50, 100, 200, 400]);
	t.is(server.requests.length, 5);
	await http.close();
	await server.close();
});

test('a request that must not repeat, or a stream body, is sent once', async (t) => {
	const server = await startServer(async (request, response) => {
		await bodyOf(request);
		response.writeHead(503).end();
	});
	const {http, sleeps} = fastClient();
	const post = await http.send({
		method: 'POST',
		origin: server.origin,
		path: '/?bulk-delete',
		body: 'x',
		idempotent: false,
	});
	t.is(post.status, 503);
	const put = await http.send({
		method: 'PUT',
		origin: server.origin,
		path: '/c/k',
		body: Readable.from([Buffer.from('once only')]),
		idempotent: true,
	});
	t.is(put.status, 503);
	t.is(server.requests.length, 2);
	t.deepEqual(sleeps, []);
	await http.close();
	await server.close();
});

test('a connection dropped before the answer is retried for a GET', async (t) => {
	let calls = 0;
	const server = await startServer((request, response) => {
		if (calls++ === 0) request.socket.destroy();
		else response.end('second time lucky');
	});
	const {http, sleeps} = fastClient();
	const response = await http.send({
		method: 'GET',
		origin: server.origin,
		path: '/',
		idempotent: true,
	});
	t.is(await response.body.text(), 'second time lucky');
	t.is(sleeps.length, 1);
	await http.close();
	await server.close();
});

test('a refused connection is Unavailable once the retries are spent', async (t) => {
	const server = await startServer(() => undefined);
	const origin = server.origin;
	await server.close();
	const {http, sleeps} = fastClient({retry: {retries: 2}});
	const error = await t.throwsAsync(
		http.send({method: 'GET', origin, path: '/', idempotent: true, context: {container: 'c'}}),
		{instanceOf: Unavailable},
	);
	t.is(error.message, `Cannot reach ${origin} (ECONNREFUSED)`);
	t.is(error.container, 'c');
	t.is(sleeps.length, 2);
	await http.close();
});

test('a server that does not answer in time is a Timeout', async (t) => {
	const server = await startServer(() => undefined);
	const {http} = fastClient({headersTimeoutMs: 200, retry: {retries: 1}});
	const error = await t.throwsAsync(
		http.send({method: 'GET', origin: server.origin, path: '/', idempotent: true}),
		{instanceOf: Timeout},
	);
	t.regex(error.message, /did not answer in time/);
	t.is(server.requests.length, 2);
	await http.close();
	await server.close();
});

test('an untrusted certificate is a TLS error that says so, not retried', async (t) => {
	const server = await startTlsServer((_request, response) => response.end('hello'));
	const {http, sleeps} = fastClient();
	const error = await t.throwsAsync(
		http.send({method: 'GET', origin: server.origin, path: '/', idempotent: true}),
		{instanceOf: Unavailable},
	);
	t.regex(
		error.message,
		/^TLS error talking to https:\/\/127\.0\.0\.1:\d+ \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
	);
	t.deepEqual(sleeps, []);
	await http.close();
	await server.close();
});

test('an abort while waiting to retry rejects at once', async (t) => {
	const server = await startServer((_request, response) => response.writeHead(503).end());
	const http = createHttpClient({retry: {baseDelayMs: 60_000, maxDelayMs: 60_000}});
	const started = Date.now();
	const error = await http
		.send({
			method: 'GET',
			origin: server.origin,
			path: '/',
			idempotent: true,
			signal: AbortSignal.timeout(300),
		})
		.catch((error_: unknown) => error_);
	t.is((error as Error).name, 'TimeoutError');
	t.true(Date.now() - started < 10_000);
	await http.close();
	await server.close();
});
