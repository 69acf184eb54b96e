/**
 * A WAN between the bench's programs and the test Swift: a TCP proxy on 127.0.0.1 that delays
 * and paces both directions like a long-distance link, without privileges (a netem qdisc on
 * `lo` would slow every other program on the machine).
 *
 * The model, per direction (client → Swift and Swift → client):
 * - one link shared by every connection through the proxy: bytes leave it at `mbit` (a token
 *   bucket of one packet), so four parallel uploads share 200 Mbit/s as they would share a
 *   university's uplink; a per-connection bucket would hand parallel tools a wider pipe;
 * - a propagation delay of half the round trip on every byte after it leaves the link;
 * - a new connection's first byte reaches Swift only after `handshakeRtts` round trips (TCP's
 *   handshake and TLS 1.3's: what a client of CSC Allas, over HTTPS, waits before its request);
 * - at most `windowBytes` in flight per connection and direction before the proxy stops reading
 *   its sender (a TCP receive window: a single connection cannot exceed window ÷ RTT).
 * Not modelled: loss, slow start, jitter.
 *
 *   node --import=tsx test/bench/wan-proxy.ts --target 127.0.0.1:8080 [--port 0] [--rtt 30] [--mbit 200]
 */
import {createConnection, createServer, type Server, type Socket} from 'node:net';
import {resolve} from 'node:path';
import {performance} from 'node:perf_hooks';

export type WanSettings = {
	/** Round-trip time added, in ms. */
	rttMs: number;
	/** Bandwidth of each direction of the link, in Mbit/s. */
	mbit: number;
	handshakeRtts?: number;
	windowBytes?: number;
};

export type WanProxy = {
	port: number;
	/** `http://127.0.0.1:<port>`. */
	url: string;
	settings: Required<WanSettings>;
	stats: {connections: number; bytesUp: number; bytesDown: number};
	close(): Promise<void>;
};

/** Pieces no larger than a few packets, so that pacing is smooth and a big read is not one lump. */
const pieceBytes = 16 * 1024;

/** One direction of the link, shared by every connection. */
class Link {
	private freeAt = 0;
	constructor(private readonly bytesPerMs: number) {}

	/** When a piece of `bytes` handed over at `now` has been sent out. */
	send(bytes: number, now: number): number {
		this.freeAt = Math.max(now, this.freeAt) + bytes / this.bytesPerMs;
		return this.freeAt;
	}
}

/** One direction of one connection: pieces wait for the link, then for the propagation delay. */
class Pipe {
	private readonly queue: Array<{piece: Buffer; at: number}> = [];
	private queued = 0;
	private timer: NodeJS.Timeout | undefined;
	private ended = false;
	private waitingForDrain = false;

	constructor(
		private readonly from: Socket,
		private readonly to: Socket,
		private readonly link: Link,
		private readonly delayMs: number,
		private readonly notBefore: number,
		private readonly windowBytes: number,
		private readonly count: (bytes: number) => void,
	) {
		from.on('data', (chunk: Buffer) => this.take(chunk));
		from.on('end', () => {
			this.ended = true;
			this.flush();
		});
		to.on('drain', () => {
			this.waitingForDrain = false;
			this.flush();
		});
	}

	private take(chunk: Buffer): void {
		const now = performance.now();
		for (let offset = 0; offset < chunk.length; offset += pieceBytes) {
			const piece = chunk.subarray(offset, offset + pieceBytes);
			const sent = this.link.send(piece.length, Math.max(now, this.notBefore));
			this.queue.push({piece, at: sent + this.delayMs});
			this.queued += piece.length;
		}
		if (this.queued > this.windowBytes) this.from.pause();
		this.schedule();
	}

	private schedule(): void {
		if (this.timer || this.waitingForDrain) return;
		const head = this.queue[0];
		if (!head) return;
		this.timer = setTimeout(
			() => {
				this.timer = undefined;
				this.flush();
			},
			Math.max(0, head.at - performance.now()),
		);
	}

	private flush(): void {
		if (this.to.destroyed) return;
		const now = performance.now();
		while (this.queue.length > 0 && this.queue[0]!.at <= now && !this.waitingForDrain) {
			const {piece} = this.queue.shift()!;
			this.queued -= piece.length;
			this.count(piece.length);
			if (!this.to.write(piece)) this.waitingForDrain = true;
		}
		if (this.queued <= this.windowBytes / 2 && this.from.isPaused()) this.from.resume();
		if (this.queue.length > 0) this.schedule();
		else if (this.ended && !this.to.writableEnded) this.to.end();
	}

	stop(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.queue.length = 0;
	}
}

export async function startWanProxy(
	target: {host: string; port: number},
	wan: WanSettings,
	port = 0,
): Promise<WanProxy> {
	const settings: Required<WanSettings> = {
		handshakeRtts: 2,
		windowBytes: 6 * 1024 * 1024,
		...wan,
	};
	const bytesPerMs = (settings.mbit * 1e6) / 8 / 1000;
	const up = new Link(bytesPerMs);
	const down = new Link(bytesPerMs);
	const stats = {connections: 0, bytesUp: 0, bytesDown: 0};
	const oneWay = settings.rttMs / 2;
	const sockets = new Set<Socket>();

	// Half-open allowed: each side's end is passed on once what it sent has crossed the link.
	const server: Server = createServer({allowHalfOpen: true}, (client) => {
		stats.connections++;
		const accepted = performance.now();
		const swift = createConnection({...target, allowHalfOpen: true});
		for (const socket of [client, swift]) {
			sockets.add(socket);
			socket.setNoDelay(true);
			socket.on('close', () => sockets.delete(socket));
		}
		const pipes = [
			new Pipe(
				client,
				swift,
				up,
				oneWay,
				accepted + settings.handshakeRtts * settings.rttMs,
				settings.windowBytes,
				(bytes) => (stats.bytesUp += bytes),
			),
			new Pipe(swift, client, down, oneWay, 0, settings.windowBytes, (bytes) => {
				stats.bytesDown += bytes;
			}),
		];
		const stop = () => {
			for (const pipe of pipes) pipe.stop();
			client.destroy();
			swift.destroy();
		};
		client.on('error', stop);
		swift.on('error', stop);
		// A side that went away without ending (a reset) takes the other with it.
		client.on('close', (failed) => failed && stop());
		swift.on('close', (failed) => failed && stop());
	});
	await new Promise<void>((listening, failed) => {
		server.once('error', failed);
		server.listen(port, '127.0.0.1', listening);
	});
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('The WAN proxy has no port');
	return {
		port: address.port,
		url: `http://127.0.0.1:${address.port}`,
		settings,
		stats,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((closed) => server.close(() => closed()));
		},
	};
}

function option(args: string[], name: string): string | undefined {
	const index = args.indexOf(`--${name}`);
	return index === -1 ? undefined : args[index + 1];
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
	const args = process.argv.slice(2);
	const [host, targetPort] = (option(args, 'target') ?? '').split(':');
	if (!host || !targetPort)
		throw new Error('Usage: wan-proxy.ts --target HOST:PORT [--port N] [--rtt MS] [--mbit N]');
	const proxy = await startWanProxy(
		{host, port: Number(targetPort)},
		{rttMs: Number(option(args, 'rtt') ?? 30), mbit: Number(option(args, 'mbit') ?? 200)},
		Number(option(args, 'port') ?? 0),
	);
	process.stdout.write(`${proxy.url}\n`);
	process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
}
