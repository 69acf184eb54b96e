import {createServer, connect, type Socket} from 'node:net';

export type StallingProxy = {
	/** The port on 127.0.0.1 to send requests to instead of the server's. */
	port: number;
	/** Connections opened so far. */
	connections(): number;
	/** Everything the server answered, as text (status lines included). */
	answers(): string;
	close(): Promise<void>;
};

/**
 * A TCP proxy to `target` whose first connection to carry more than `afterBytes` towards the
 * server stops passing them on for `stallMs` (answers still come back), as a link that stalls
 * mid-upload; every other connection passes everything.
 */
export async function stallingProxy(
	target: {host: string; port: number},
	stall: {afterBytes: number; stallMs: number},
): Promise<StallingProxy> {
	const sockets = new Set<Socket>();
	let opened = 0;
	let stalled = false;
	let answers = '';

	const server = createServer((client) => {
		opened++;
		const upstream = connect(target.port, target.host);
		sockets.add(client).add(upstream);
		let up = 0;
		let holding = false;
		const held: Buffer[] = [];
		client.on('data', (chunk: Buffer) => {
			up += chunk.length;
			if (holding) {
				held.push(chunk);
				return;
			}
			if (!stalled && up > stall.afterBytes) {
				stalled = true;
				holding = true;
				client.pause();
				setTimeout(() => {
					holding = false;
					client.resume();
					for (const part of held.splice(0)) upstream.write(part);
				}, stall.stallMs).unref();
			}
			if (!holding && !upstream.write(chunk)) client.pause();
			if (holding) held.push(chunk);
		});
		upstream.on('drain', () => {
			if (!holding) client.resume();
		});
		upstream.on('data', (chunk: Buffer) => {
			answers += chunk.toString('latin1').slice(0, 200);
			client.write(chunk);
		});
		const end = () => {
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on('close', end).on('error', end);
		upstream.on('close', end).on('error', end);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('no port');
	return {
		port: address.port,
		connections: () => opened,
		answers: () => answers,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
