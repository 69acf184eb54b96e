import {createServer, connect, type Socket} from 'node:net';

export type ProxiedRequest = {connection: number; method: string; path: string; status?: number};

const requestLine = /(GET|PUT|HEAD|POST|DELETE|COPY) (\/\S*) HTTP\/1\.1\r\n/g;
const statusLine = /HTTP\/1\.1 (\d{3}) /g;

/**
 * Finds `pattern` in a byte stream cut into chunks: each call looks at the end of the previous
 * chunks and this one, and reports only matches that end in this one (so none twice).
 */
function scanner(pattern: RegExp, onMatch: (match: RegExpExecArray) => void) {
	let tail = '';
	return (chunk: Buffer) => {
		const text = tail + chunk.toString('latin1');
		for (const match of text.matchAll(pattern)) {
			if (match.index + match[0].length > tail.length) onMatch(match);
		}
		tail = text.slice(-4096);
	};
}

export type CuttingProxy = {
	/** The port on 127.0.0.1 to send requests to instead of the server's. */
	port: number;
	/** Bytes passed so far, client to server (`up`) and back (`down`). */
	bytes: {up: number; down: number};
	/** Every HTTP request seen, in order, with the status of its answer once one came back. */
	requests: ProxiedRequest[];
	/** Whether the path broke: every connection since is reset at once. */
	broken(): boolean;
	close(): Promise<void>;
};

/**
 * A TCP proxy to `target` that breaks for good once `limit.bytes` have passed in one direction:
 * it drops every open connection, then resets every new one, as a link that went down would.
 */
export async function cuttingProxy(
	target: {host: string; port: number},
	limit: {direction: 'up' | 'down'; bytes: number},
): Promise<CuttingProxy> {
	const sockets = new Set<Socket>();
	const bytes = {up: 0, down: 0};
	const requests: ProxiedRequest[] = [];
	let connections = 0;
	let broken = false;

	function breakAll(): void {
		broken = true;
		for (const socket of sockets) socket.destroy();
	}

	function forward(
		from: Socket,
		to: Socket,
		direction: 'up' | 'down',
		watch: (chunk: Buffer) => void,
	): void {
		from.on('data', (chunk: Buffer) => {
			if (broken) return;
			bytes[direction] += chunk.length;
			watch(chunk);
			if (direction === limit.direction && bytes[direction] > limit.bytes) {
				breakAll();
				return;
			}
			if (!to.write(chunk)) from.pause();
		});
		to.on('drain', () => from.resume());
		from.on('end', () => to.end());
		from.on('error', () => to.destroy());
		from.on('close', () => {
			sockets.delete(from);
			to.destroy();
		});
	}

	const server = createServer((client) => {
		if (broken) {
			client.resetAndDestroy();
			return;
		}
		const upstream = connect(target);
		sockets.add(client);
		sockets.add(upstream);
		// HTTP/1.1 without pipelining: on one connection each answer is to the oldest open request.
		const connection = ++connections;
		const open: ProxiedRequest[] = [];
		const requestsUp = scanner(requestLine, (match) => {
			const request = {connection, method: match[1]!, path: match[2]!};
			requests.push(request);
			open.push(request);
		});
		const answersDown = scanner(statusLine, (match) => {
			if (Number(match[1]) < 200) return; // 100 Continue: the answer is still to come
			const request = open.shift();
			if (request) request.status = Number(match[1]);
		});
		forward(client, upstream, 'up', requestsUp);
		forward(upstream, client, 'down', answersDown);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('The proxy has no port');
	return {
		port: address.port,
		bytes,
		requests,
		broken: () => broken,
		async close() {
			breakAll();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
