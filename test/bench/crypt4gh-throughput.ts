/**
 * The Crypt4GH library alone on local files, before it sits in the transfers: encrypt and decrypt
 * of 1 GiB (read → stream → write → fsync) against a plain copy of the same file through the
 * same read and write path, and encryptFile/decryptFile as the local commands run them (with the
 * read-back check and the rename). Each case runs in its own process under /usr/bin/time; the
 * child also reports its own pipeline time and how far its RSS grew over what it held before.
 *
 *   node --import=tsx test/bench/crypt4gh-throughput.ts     # IVJM_BENCH_BYTES, IVJM_BENCH_RUNS
 */
import {randomBytes} from 'node:crypto';
import {createReadStream} from 'node:fs';
import {mkdtemp, open, readFile, rm, writeFile} from 'node:fs/promises';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Transform} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {fileURLToPath} from 'node:url';
import {decryptFile} from '../../source/crypt4gh/decrypt-file.js';
import {encryptFile, readChunk} from '../../source/crypt4gh/encrypt-file.js';
import {
	createDecryptStream,
	createEncryptStream,
	newSecretKey,
	readPrivateKey,
	writePrivateKey,
} from '../../source/crypt4gh/index.js';
import {openPartFile} from '../../source/crypt4gh/part-file.js';
import {mebibyte, timed} from './measure.js';
import {median} from './stats.js';

const thisFile = fileURLToPath(import.meta.url);
const modes = ['copy', 'encrypt', 'decrypt', 'encrypt-file', 'decrypt-file'] as const;
type Mode = (typeof modes)[number];
/** Wall and CPU (user + system) seconds of the work alone; CPU time holds up on a loaded machine. */
type ChildReport = {seconds: number; cpuSeconds: number; baselineRss: number; vmHwm: number};

async function vmHwm(): Promise<number> {
	const status = await readFile('/proc/self/status', 'utf8');
	return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}

/** Child: one case, timing only the work (not Node's start nor the key). */
async function child(mode: Mode, folder: string): Promise<void> {
	const key = await readPrivateKey(
		await readFile(join(folder, 'key.sec'), 'utf8'),
		'key.sec',
		async () => {
			throw new Error('the bench key has no passphrase');
		},
	);
	const [input, out] =
		mode === 'decrypt' || mode === 'decrypt-file'
			? [join(folder, 'data.c4gh'), join(folder, 'back.bin')]
			: [join(folder, 'data.bin'), join(folder, mode === 'copy' ? 'copy.bin' : 'data.c4gh')];
	await rm(out, {force: true});
	const baselineRss = process.memoryUsage().rss;
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	if (mode === 'encrypt-file') await encryptFile({input, out, recipients: [key.publicKey]});
	else if (mode === 'decrypt-file') await decryptFile({input, out, keys: [key]});
	else {
		const part = await openPartFile(out, {mode: 0o600});
		const stages: Transform[] =
			mode === 'copy'
				? []
				: [
						mode === 'encrypt'
							? createEncryptStream({recipients: [key.publicKey]})
							: createDecryptStream({keys: [key], source: input}),
					];
		await pipeline([createReadStream(input, {highWaterMark: readChunk}), ...stages, part.sink()]);
		await part.commit();
	}
	const cpu = process.cpuUsage(cpuBefore);
	const report: ChildReport = {
		seconds: (performance.now() - started) / 1000,
		cpuSeconds: (cpu.user + cpu.system) / 1e6,
		baselineRss,
		vmHwm: await vmHwm(),
	};
	process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function main(): Promise<void> {
	const bytes = Number(process.env.IVJM_BENCH_BYTES ?? 1024 * mebibyte);
	const runs = Number(process.env.IVJM_BENCH_RUNS ?? 3);
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-bench-c4gh-'));
	try {
		await writeFile(join(folder, 'key.sec'), await writePrivateKey(newSecretKey(), undefined));
		const block = randomBytes(mebibyte);
		const file = await open(join(folder, 'data.bin'), 'w');
		for (let written = 0; written < bytes; written += block.length) {
			await file.write(block, 0, Math.min(block.length, bytes - written));
		}
		await file.close();
		const rows: string[] = [];
		for (const mode of modes) {
			const seconds: number[] = [];
			const cpu: number[] = [];
			const wall: number[] = [];
			const peaks: number[] = [];
			const growth: number[] = [];
			for (let index = 0; index < runs; index++) {
				const result = await timed(
					process.execPath,
					['--import=tsx', thisFile, 'child', mode, folder],
					{keep: true},
				);
				const report = JSON.parse(result.stdout) as ChildReport;
				seconds.push(report.seconds);
				cpu.push(report.cpuSeconds);
				wall.push(result.seconds);
				peaks.push(result.maxRssBytes / mebibyte);
				growth.push((report.vmHwm - report.baselineRss) / mebibyte);
			}
			const work = median(seconds);
			const cpuWork = median(cpu);
			const mib = bytes / mebibyte;
			rows.push(
				`| ${mode} | ${work.toFixed(2)} s | ${(mib / work).toFixed(0)} MiB/s | ${cpuWork.toFixed(2)} s | ` +
					`${(mib / cpuWork).toFixed(0)} MiB/s | ${median(wall).toFixed(2)} s | ` +
					`${median(peaks).toFixed(0)} MiB | ${median(growth).toFixed(0)} MiB | ` +
					`${seconds.map((value) => value.toFixed(2)).join(', ')} |`,
			);
		}
		console.log(
			`Crypt4GH library, ${(bytes / mebibyte).toFixed(0)} MiB, ${runs} runs each (medians); ` +
				`load average at the end: ${loadavg()
					.map((value) => value.toFixed(1))
					.join(' ')}\n`,
		);
		console.log(
			'| case | work (wall) | throughput | work (CPU) | per CPU second | process | peak RSS | RSS growth | runs (wall, s) |',
		);
		console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
		for (const row of rows) console.log(row);
	} finally {
		await rm(folder, {recursive: true, force: true});
	}
}

if (process.argv[2] === 'child') await child(process.argv[3] as Mode, process.argv[4]!);
else await main();
