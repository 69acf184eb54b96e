import {createServer, connect, type Socket} from 'node:net';

export type CuttingProxy = {
	/** The port on 127.0.0.1 to send requests to instead of the server's. */
	port: number;
	/** Bytes passed so far, client to server (`up`) and back (`down`). */
	bytes: {up: number; down: number};
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
	let broken = false;

	function breakAll(): void {
		broken = true;
		for (const socket of sockets) socket.destroy();
	}

	function forward(from: Socket, to: Socket, direction: 'up' | 'down'): void {
		from.on('data', (chunk: Buffer) => {
			if (broken) return;
			bytes[direction] += chunk.length;
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
		forward(client, upstream, 'up');
		forward(upstream, client, 'down');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('The proxy has no port');
	return {
		port: address.port,
		bytes,
		broken: () => broken,
		async close() {
			breakAll();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
