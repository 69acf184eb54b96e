import {createConnection, createServer, type Socket} from 'node:net';
import type {AddressInfo} from 'node:net';

export type CountingProxy = {
	/** Where to point a client instead of `target` (same path). */
	url(target: string): string;
	/** Bytes the clients sent through it (requests: headers and bodies). */
	bytesUp(): number;
	close(): Promise<void>;
};

/** A TCP proxy on 127.0.0.1 to `target`'s host and port that counts what clients send. */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
	const {hostname, port} = new URL(target);
	let up = 0;
	const sockets = new Set<Socket>();
	const server = createServer((client) => {
		const upstream = createConnection({host: hostname, port: Number(port)});
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
			socket.on('error', () => undefined);
		}

		client.on('data', (chunk: Buffer) => (up += chunk.length));
		client.pipe(upstream);
		upstream.pipe(client);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const own = (server.address() as AddressInfo).port;
	return {
		url(address) {
			const url = new URL(address);
			url.host = `127.0.0.1:${own}`;
			return url.href.replace(/\/$/u, '');
		},
		bytesUp: () => up,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
