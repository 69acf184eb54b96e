import {createHash} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {text} from 'node:stream/consumers';
import test from 'ava';
import {Timeout, Unauthorized} from '../../../source/storage/errors/index.js';
import {
	createHttpClient,
	createSwiftStore,
	renewingAuthenticator,
} from '../../../source/storage/swift/index.js';
import {bodyOf, startServer, type LocalServer} from './local-server.js';

const md5 = (data: string) => createHash('md5').update(data).digest('hex');

type Route = (
	request: IncomingMessage,
	response: ServerResponse,
	body: string,
) => void | Promise<void>;

/** A scripted Swift account at `/v1/AUTH_p` that accepts only the current token. */
async function scriptedSwift(route: Route) {
	const state = {token: 'token-1', signIns: 0};
	const server: LocalServer = await startServer(async (request, response) => {
		if (request.headers['x-auth-token'] !== state.token && !request.url?.endsWith('/info')) {
			await bodyOf(request);
			response.writeHead(401).end('<html><h1>Unauthorized</h1></html>');
			return;
		}
		await route(request, response, await bodyOf(request));
	});
	const auth = renewingAuthenticator(
		async () => {
			state.signIns++;
			return {token: `token-${state.signIns}`, storageUrl: `${server.origin}/v1/AUTH_p`};
		},
		{description: 'scripted'},
	);
	const http = createHttpClient({
		bodyTimeoutMs: 300,
		retry: {baseDelayMs: 1},
	});
	const store = createSwiftStore({auth, http});
	return {
		server,
		state,
		store,
		async close() {
			await store.close();
			await http.close();
			await server.close();
		},
	};
}

test('a refused token is renewed once and the call repeated', async (t) => {
	const swift = await scriptedSwift((_request, response) => {
		response.writeHead(201, {etag: md5('x')}).end();
	});
	await swift.store.put({container: 'c', key: 'k'}, 'x');
	t.is(swift.state.signIns, 1);
	swift.state.token = 'token-2';
	await swift.store.put({container: 'c', key: 'k'}, 'x');
	t.is(swift.state.signIns, 2);
	t.deepEqual(swift.server.requests, [
		'PUT /v1/AUTH_p/c/k',
		'PUT /v1/AUTH_p/c/k',
		'PUT /v1/AUTH_p/c/k',
	]);

	swift.state.token = 'nobody has this one';
	const error = await t.throwsAsync(swift.store.head({container: 'c', key: 'k'}), {
		instanceOf: Unauthorized,
	});
	t.is(error.status, 401);
	t.is(swift.state.signIns, 3);
	await swift.close();
});

test('a cluster with a lower listing limit is still listed whole', async (t) => {
	const names = Array.from({length: 7}, (_, index) => `k${index}`);
	const swift = await scriptedSwift((request, response) => {
		const query = new URL(request.url ?? '', 'http://x').searchParams;
		if (Number(query.get('limit') ?? 0) > 3) {
			response.writeHead(412).end('Maximum limit is 3');
			return;
		}
		const marker = query.get('marker') ?? '';
		const page = names.filter((name) => name > marker).slice(0, 3);
		if (page.length === 0) {
			response.writeHead(204).end();
			return;
		}
		response.writeHead(200, {'content-type': 'application/json'});
		response.end(
			JSON.stringify(
				page.map((name) => ({
					name,
					bytes: 1,
					hash: md5(name),
					content_type: 'text/plain',
					last_modified: '2026-01-01T00:00:00.000000',
				})),
			),
		);
	});
	const listed: string[] = [];
	for await (const entry of swift.store.list('c'))
		if (entry.kind === 'object') listed.push(entry.key);
	t.deepEqual(listed, names);
	await swift.close();
});

test('without bulk delete, objects are deleted one by one in parallel', async (t) => {
	const present = new Set(['a', 'b c', 'd']);
	const swift = await scriptedSwift((request, response) => {
		if (request.url === '/info') {
			response.writeHead(404).end();
			return;
		}
		const key = decodeURIComponent((request.url ?? '').replace('/v1/AUTH_p/c/', ''));
		if (key === 'd') response.writeHead(409).end('busy');
		else response.writeHead(present.delete(key) ? 204 : 404).end();
	});
	const result = await swift.store.deleteMany('c', ['a', 'b c', 'missing', 'd']);
	t.like(result, {deleted: 2, notFound: 1});
	t.is(result.failed.length, 1);
	t.is(result.failed[0]?.key, 'd');
	t.false(swift.server.requests.some((request) => request.includes('bulk-delete')));
	await swift.close();
});

test('a download that stalls fails with Timeout', async (t) => {
	const swift = await scriptedSwift((_request, response) => {
		response.writeHead(200, {'content-length': '100', etag: 'e'});
		response.write('the first bytes, then nothing');
	});
	const {body} = await swift.store.get({container: 'c', key: 'slow'});
	const error = await t.throwsAsync(text(body), {instanceOf: Timeout});
	t.like(error, {container: 'c', key: 'slow'});
	await swift.close();
});

test('a create-only write whose answer was lost is still ours when the bytes are ours', async (t) => {
	let stored: string | undefined;
	const swift = await scriptedSwift((request, response, body) => {
		if (request.method === 'HEAD') {
			response.writeHead(stored === undefined ? 404 : 200, {etag: md5(stored ?? '')}).end();
			return;
		}
		if (stored !== undefined) {
			response.writeHead(412).end();
			return;
		}
		stored = body;
		request.socket.destroy();
	});
	const result = await swift.store.put({container: 'c', key: 'claim'}, 'analyst-a', {
		createOnly: true,
	});
	t.is(result.etag, md5('analyst-a'));
	t.deepEqual(swift.server.requests, [
		'PUT /v1/AUTH_p/c/claim',
		'PUT /v1/AUTH_p/c/claim',
		'HEAD /v1/AUTH_p/c/claim',
	]);
	await swift.close();
});
