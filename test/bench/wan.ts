/**
 * The bench's WAN: wan-proxy.ts in a process of its own (so that the bench's own work never
 * delays a byte), and a check that it does what its settings say, measured with curl (not a
 * client of ours): round trips and throughput against a do-nothing HTTP server, then against
 * the test Swift through it and directly.
 */
import {spawn, execFile} from 'node:child_process';
import {createServer, type Server} from 'node:http';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {promisify} from 'node:util';
import type {WanSettings} from './wan-proxy.js';

const run = promisify(execFile);
const mebibyte = 1024 * 1024;

export type WanProcess = {url: string; stop(): Promise<void>};

/** Starts a WAN proxy in front of `target` (`http://host:port`) and waits for its address. */
export async function startWanProcess(target: string, wan: WanSettings): Promise<WanProcess> {
	const {hostname, port} = new URL(target);
	const child = spawn(
		process.execPath,
		[
			'--import=tsx',
			join(import.meta.dirname, 'wan-proxy.ts'),
			'--target',
			`${hostname}:${port}`,
			'--rtt',
			String(wan.rttMs),
			'--mbit',
			String(wan.mbit),
		],
		{stdio: ['ignore', 'pipe', 'inherit']},
	);
	const url = await new Promise<string>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`The WAN proxy exited (${code})`)));
		createInterface({input: child.stdout}).once('line', resolve);
	});
	return {
		url,
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}

/** A server that does nothing: /bytes/N answers N bytes, a PUT is read and answered 201. */
async function referenceServer(): Promise<{server: Server; url: string}> {
	const block = Buffer.alloc(mebibyte);
	const server = createServer((request, response) => {
		if (request.method === 'PUT') {
			request.resume();
			request.on('end', () => response.writeHead(201).end());
			return;
		}
		const bytes = Number(/^\/bytes\/(\d+)$/u.exec(request.url ?? '')?.[1] ?? 0);
		response.writeHead(200, {'content-length': bytes});
		let left = bytes;
		const more = () => {
			while (left > 0) {
				const piece = block.subarray(0, Math.min(left, block.length));
				left -= piece.length;
				if (!response.write(piece)) return void response.once('drain', more);
			}
			response.end();
		};
		more();
	});
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('no port');
	return {server, url: `http://127.0.0.1:${address.port}`};
}

type CurlTiming = {pre: number; first: number; total: number};

/** curl's timings of each URL (in one process: the second and later reuse the connection). */
async function curl(urls: string[], options: string[] = []): Promise<CurlTiming[]> {
	const format = '%{time_starttransfer} %{time_pretransfer} %{time_total}\\n';
	const each = urls.flatMap((url) => ['-o', '/dev/null', url]);
	const {stdout} = await run('curl', ['-sS', '-w', format, ...options, ...each], {
		maxBuffer: mebibyte,
	});
	return stdout
		.trim()
		.split('\n')
		.map((line) => {
			const [first, pre, total] = line.split(' ').map(Number) as [number, number, number];
			return {pre, first, total};
		});
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const ms = (seconds: number) => `${(seconds * 1000).toFixed(1)} ms`;
const mbit = (bytes: number, seconds: number) =>
	`${((bytes * 8) / seconds / 1e6).toFixed(0)} Mbit/s`;

export type WanCheck = {lines: string[]; figures: Record<string, number>};

/**
 * Measures the WAN `wan` gives: round trips and rates through a proxy in front of a server that
 * does nothing, and what it adds in front of Swift (`swift` = storage URL and token, direct).
 */
export async function checkWan(
	wan: WanSettings,
	swift: {storageUrl: string; token: string},
): Promise<WanCheck> {
	const {server, url} = await referenceServer();
	const proxy = await startWanProcess(url, wan);
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-wan-check-'));
	const figures: Record<string, number> = {};
	const lines: string[] = [];
	try {
		// Three curl processes of six requests each: the first opens the connection, five reuse it.
		const rounds = [];
		for (let round = 0; round < 3; round++)
			rounds.push(await curl(Array(6).fill(`${proxy.url}/bytes/0`)));
		figures.newConnectionSeconds = median(rounds.map((pings) => pings[0]!.first));
		figures.requestSeconds = median(
			rounds.flatMap((pings) => pings.slice(1).map((ping) => ping.first - ping.pre)),
		);
		lines.push(
			`request and answer on an open connection: ${ms(figures.requestSeconds)} (RTT set: ${wan.rttMs} ms); ` +
				`first answer on a new connection: ${ms(figures.newConnectionSeconds)} (set: ${(2 + 1) * wan.rttMs} ms, 2 RTT of handshakes + 1)`,
		);
		const bytes = 64 * mebibyte;
		const [down] = await curl([`${proxy.url}/bytes/${bytes}`]);
		figures.downloadMbit = (bytes * 8) / (down!.total - down!.first) / 1e6;
		const file = join(folder, 'upload.bin');
		await writeFile(file, Buffer.alloc(bytes));
		const [up] = await curl([`${proxy.url}/upload`], ['-T', file]);
		// The bytes wait for the handshakes, and the answer comes a round trip after the last one.
		const waits = ((wan.handshakeRtts ?? 2) + 1) * (wan.rttMs / 1000);
		figures.uploadMbit = (bytes * 8) / (up!.total - up!.pre - waits) / 1e6;
		const quarter = ['-o', '/dev/null', `${proxy.url}/bytes/${bytes / 4}`];
		const parallel = await run('curl', [
			'-sS',
			'-Z',
			'-w',
			'%{time_total}\\n',
			...Array(4).fill(quarter).flat(),
		]);
		const slowest = Math.max(...parallel.stdout.trim().split('\n').map(Number));
		figures.parallelMbit = (bytes * 8) / slowest / 1e6;
		lines.push(
			`64 MiB down ${mbit(bytes, down!.total - down!.first)} after the first byte, up ${figures.uploadMbit.toFixed(0)} Mbit/s, ` +
				`4 × 16 MiB down at once ${figures.parallelMbit.toFixed(0)} Mbit/s in all (the link is shared; set: ${wan.mbit} Mbit/s)`,
		);
		lines.push(...(await checkSwift(wan, swift, folder)));
	} finally {
		await proxy.stop();
		server.close();
		await rm(folder, {recursive: true, force: true});
	}
	return {lines, figures};
}

/** What the WAN adds to Swift's own answers: a HEAD of the account, a PUT and a GET, with curl. */
async function checkSwift(
	wan: WanSettings,
	swift: {storageUrl: string; token: string},
	folder: string,
): Promise<string[]> {
	const direct = new URL(swift.storageUrl);
	const proxy = await startWanProcess(direct.origin, wan);
	try {
		const through = `${proxy.url}${direct.pathname}`;
		const auth = ['-H', `X-Auth-Token: ${swift.token}`];
		const heads = async (base: string) => {
			const timings = await curl(Array(8).fill(base), ['-I', ...auth]);
			return median(timings.slice(1).map((timing) => timing.first - timing.pre));
		};
		const head = {direct: await heads(swift.storageUrl), wan: await heads(through)};
		const bytes = 128 * mebibyte;
		const file = join(folder, 'swift.bin');
		await writeFile(file, Buffer.alloc(bytes, 1));
		const object = `${through}/ivjm-bench-wan-check/check.bin`;
		await run('curl', ['-sS', '-X', 'PUT', ...auth, `${through}/ivjm-bench-wan-check`]);
		const [put] = await curl([object], [...auth, '-T', file]);
		const [get] = await curl([object], auth);
		await run('curl', ['-sS', '-X', 'DELETE', ...auth, object]);
		return [
			`Swift: HEAD of the account ${ms(head.direct)} direct, ${ms(head.wan)} through the WAN (+${ms(head.wan - head.direct)}); ` +
				`PUT of 128 MiB ${mbit(bytes, put!.total - put!.pre)}, GET ${mbit(bytes, get!.total - get!.first)} after the first byte`,
		];
	} finally {
		await proxy.stop();
	}
}

if (import.meta.filename === process.argv[1]) {
	const {signIn} = await import('./seed-swift.js');
	const {SWIFT_TEMPAUTH_URL, SWIFT_TEMPAUTH_USER, SWIFT_TEMPAUTH_KEY} = process.env;
	const account = await signIn(SWIFT_TEMPAUTH_URL!, SWIFT_TEMPAUTH_USER!, SWIFT_TEMPAUTH_KEY!);
	const rttMs = Number(process.argv[2] ?? 30);
	const check = await checkWan({rttMs, mbit: Number(process.argv[3] ?? 200)}, account);
	console.log(check.lines.join('\n'));
}
