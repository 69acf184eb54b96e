/**
 * Memory and throughput of ivjm's transfers against the real test Swift, next to the peers a
 * user would otherwise pick: python-swiftclient (`swift upload -S 268435456 --use-slo`,
 * `swift download`) and rclone. Each transfer runs in its own process under `/usr/bin/time`, so
 * every tool's peak RSS is measured the same way; ivjm's own processes also sample their RSS
 * every 50 ms and read VmHWM to report the growth over what they held before the transfer.
 *
 *   bash test/server/start.sh && set -a && source .test-servers/swift.env && set +a
 *   node --import=tsx test/bench/transfer-memory.ts          # IVJM_BENCH_BYTES=… to change 1 GiB
 */
import {execFile} from 'node:child_process';
import {createHash, randomBytes, randomFillSync} from 'node:crypto';
import {createReadStream} from 'node:fs';
import {mkdir, mkdtemp, open, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {basename, dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {timed} from './measure.js';
import {createSwiftStore, createTempAuth} from '../../source/storage/swift/index.js';
import {downloadObject} from '../../source/transfer/download-object.js';
import type {TransferPhase} from '../../source/transfer/transfer.js';
import {uploadFile} from '../../source/transfer/upload-file.js';

const mebibyte = 1024 * 1024;
const segmentBytes = 256 * mebibyte;
const thisFile = fileURLToPath(import.meta.url);
const run = promisify(execFile);

type Swift = {authUrl: string; user: string; key: string};

function swiftSettings(): Swift {
	const {SWIFT_TEMPAUTH_URL, SWIFT_TEMPAUTH_USER, SWIFT_TEMPAUTH_KEY} = process.env;
	if (!SWIFT_TEMPAUTH_URL || !SWIFT_TEMPAUTH_USER || !SWIFT_TEMPAUTH_KEY) {
		throw new Error(
			'Start the test Swift and source its settings first: bash test/server/start.sh, then ' +
				'set -a; source .test-servers/swift.env; set +a',
		);
	}
	return {authUrl: SWIFT_TEMPAUTH_URL, user: SWIFT_TEMPAUTH_USER, key: SWIFT_TEMPAUTH_KEY};
}

/** What an ivjm transfer process reports about itself. */
type OwnMemory = {
	seconds: number;
	baselineRss: number;
	sampledPeakRss: number;
	vmHwm: number;
	phases: Partial<Record<TransferPhase, number>>;
};

async function vmHwmBytes(): Promise<number> {
	const status = await readFile('/proc/self/status', 'utf8');
	return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}

/** Child process: one ivjm upload or download, measuring its own memory. */
async function ivjmChild(mode: string, container: string, key: string, path: string) {
	const swift = swiftSettings();
	const store = createSwiftStore({auth: createTempAuth(swift)});
	const journalFolder = await mkdtemp(join(tmpdir(), 'ivjm-bench-journal-'));
	// Signed in and connected before the baseline: only the transfer's own memory counts.
	await store.containerExists(container);
	const baselineRss = process.memoryUsage().rss;
	let sampledPeakRss = baselineRss;
	const sampler = setInterval(() => {
		sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage().rss);
	}, 50);
	const phases: OwnMemory['phases'] = {};
	let phase: TransferPhase | undefined;
	let phaseStart = performance.now();
	const onProgress = ({phase: next}: {phase: TransferPhase}) => {
		if (next === phase) return;
		const now = performance.now();
		if (phase) phases[phase] = (phases[phase] ?? 0) + (now - phaseStart) / 1000;
		phase = next;
		phaseStart = now;
	};
	const started = performance.now();
	if (mode === 'ivjm-upload') {
		await uploadFile(store, {container, key}, path, {
			segmentThreshold: segmentBytes,
			segmentSize: segmentBytes,
			parallel: 4,
			journalFolder,
			onProgress,
		});
	} else {
		await downloadObject(store, {container, key}, dirname(path), basename(path), {
			journalFolder,
			onProgress,
		});
	}
	const seconds = (performance.now() - started) / 1000;
	clearInterval(sampler);
	sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage().rss);
	const report: OwnMemory = {
		seconds,
		baselineRss,
		sampledPeakRss,
		vmHwm: await vmHwmBytes(),
		phases,
	};
	await store.close();
	await rm(journalFolder, {recursive: true, force: true});
	process.stdout.write(`${JSON.stringify(report)}\n`);
}

type Measured = {
	tool: string;
	operation: 'upload' | 'download';
	seconds: number;
	maxRssBytes: number;
	own?: OwnMemory;
};

async function fileSha256(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path, {
		highWaterMark: 4 * mebibyte,
	}) as AsyncIterable<Buffer>) {
		hash.update(chunk);
	}
	return hash.digest('hex');
}

async function writeRandomFile(path: string, bytes: number): Promise<void> {
	const out = await open(path, 'wx');
	const chunk = Buffer.alloc(16 * mebibyte);
	try {
		for (let written = 0; written < bytes;) {
			const size = Math.min(chunk.length, bytes - written);
			randomFillSync(chunk, 0, size);
			await out.write(chunk, 0, size);
			written += size;
		}
	} finally {
		await out.close();
	}
}

function swiftCliEnvironment(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(
			([name]) => !name.startsWith('OS_') && !name.startsWith('ST_'),
		),
	);
}

async function main() {
	const swift = swiftSettings();
	const bytes = Number(process.env.IVJM_BENCH_BYTES ?? 1024 * mebibyte);
	const folder = await mkdtemp(join(process.env.IVJM_BENCH_DIR ?? tmpdir(), 'ivjm-bench-'));
	const source = join(folder, 'bench.bin');
	const suffix = randomBytes(4).toString('hex');
	const containers = {
		ivjm: `ivjm-bench-ivjm-${suffix}`,
		swift: `ivjm-bench-swift-${suffix}`,
		rclone: `ivjm-bench-rclone-${suffix}`,
	};
	const swiftArgs = ['-A', swift.authUrl, '-U', swift.user, '-K', swift.key];
	const swiftCli = async (...args: string[]) =>
		run('/usr/bin/swift', [...swiftArgs, ...args], {env: swiftCliEnvironment(), cwd: folder});
	const rcloneEnvironment = {
		...process.env,
		RCLONE_CONFIG_BENCH_TYPE: 'swift',
		RCLONE_CONFIG_BENCH_AUTH: swift.authUrl,
		RCLONE_CONFIG_BENCH_USER: swift.user,
		RCLONE_CONFIG_BENCH_KEY: swift.key,
		RCLONE_CONFIG_BENCH_AUTH_VERSION: '1',
	};
	const results: Measured[] = [];
	try {
		console.error(`writing ${bytes} random bytes to ${source}`);
		await writeRandomFile(source, bytes);
		const expected = await fileSha256(source);
		for (const container of Object.values(containers)) await swiftCli('post', container);

		const ivjm = async (mode: 'ivjm-upload' | 'ivjm-download', path: string) => {
			const measured = await timed(
				process.execPath,
				['--import=tsx', thisFile, mode, containers.ivjm, 'bench.bin', path],
				{keep: true},
			);
			const own = JSON.parse(measured.stdout.trim().split('\n').at(-1) ?? '{}') as OwnMemory;
			return {seconds: own.seconds, maxRssBytes: measured.maxRssBytes, own};
		};
		const check = async (path: string, tool: string) => {
			if ((await fileSha256(path)) !== expected) throw new Error(`${tool} downloaded other bytes`);
			await rm(path, {force: true});
		};

		console.error('ivjm upload');
		results.push({tool: 'ivjm', operation: 'upload', ...(await ivjm('ivjm-upload', source))});
		console.error('ivjm download');
		await mkdir(join(folder, 'ivjm'));
		const ivjmOut = join(folder, 'ivjm', 'bench.bin');
		results.push({tool: 'ivjm', operation: 'download', ...(await ivjm('ivjm-download', ivjmOut))});
		await check(ivjmOut, 'ivjm');

		console.error('swift upload');
		const swiftEnvironment = swiftCliEnvironment();
		const swiftUp = await timed(
			'/usr/bin/swift',
			[
				...swiftArgs,
				'upload',
				'-S',
				String(segmentBytes),
				'--use-slo',
				containers.swift,
				'bench.bin',
			],
			{cwd: folder, env: swiftEnvironment},
		);
		results.push({tool: 'python-swiftclient', operation: 'upload', ...swiftUp});
		console.error('swift download');
		const swiftDown = await timed(
			'/usr/bin/swift',
			[...swiftArgs, 'download', containers.swift, 'bench.bin', '-o', 'swift-out.bin'],
			{cwd: folder, env: swiftEnvironment},
		);
		results.push({tool: 'python-swiftclient', operation: 'download', ...swiftDown});
		await check(join(folder, 'swift-out.bin'), 'python-swiftclient');

		console.error('rclone upload');
		const rcloneUp = await timed(
			'rclone',
			['copy', '--swift-chunk-size', '256M', source, `bench:${containers.rclone}`],
			{env: rcloneEnvironment},
		);
		results.push({tool: 'rclone', operation: 'upload', ...rcloneUp});
		console.error('rclone download');
		const rcloneDown = await timed(
			'rclone',
			['copy', `bench:${containers.rclone}/bench.bin`, join(folder, 'rclone')],
			{env: rcloneEnvironment},
		);
		results.push({tool: 'rclone', operation: 'download', ...rcloneDown});
		await check(join(folder, 'rclone', 'bench.bin'), 'rclone');
	} finally {
		for (const container of Object.values(containers)) {
			await swiftCli('delete', container).catch(() => undefined);
			await swiftCli('delete', `${container}_segments`).catch(() => undefined);
		}
		await rm(folder, {recursive: true, force: true});
	}

	const mib = (value: number) => (value / mebibyte).toFixed(1);
	const rows = results.map((result) => ({
		tool: result.tool,
		operation: result.operation,
		seconds: result.seconds.toFixed(1),
		'MiB/s': (bytes / mebibyte / result.seconds).toFixed(1),
		'peak RSS MiB': mib(result.maxRssBytes),
		'RSS growth MiB': result.own
			? mib(Math.max(result.own.sampledPeakRss, result.own.vmHwm) - result.own.baselineRss)
			: '',
		phases: result.own
			? Object.entries(result.own.phases)
					.map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`)
					.join(', ')
			: '',
	}));
	console.log(
		`${mib(bytes)} MiB file, segments of ${mib(segmentBytes)} MiB, Swift at ${swift.authUrl}`,
	);
	console.table(rows);
	const resultsFolder = join(dirname(thisFile), 'results');
	await mkdir(resultsFolder, {recursive: true});
	await writeFile(
		join(resultsFolder, `transfer-memory-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
		JSON.stringify({bytes, segmentBytes, results}, undefined, 2),
	);
}

const [mode, container, key, path] = process.argv.slice(2);
if ((mode === 'ivjm-upload' || mode === 'ivjm-download') && container && key && path) {
	await ivjmChild(mode, container, key, path);
} else {
	await main();
}
