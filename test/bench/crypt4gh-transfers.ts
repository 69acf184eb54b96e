/**
 * Encrypted transfers beside plain ones on the real Swift (issue 17): upload vs encrypt+upload
 * (encryptingUpload: encrypt to a file in the state folder, then the same upload), download vs
 * download+decrypt (decryptingDownload: the same download, then decrypt into place, verified
 * against the plaintext SHA-256). Each case runs in its own process under /usr/bin/time; the
 * child reports its own work time and how far its RSS grew (memory should stay flat).
 *
 *   source /work/coord/slot.sh N; set -a; source "$SWIFT_TEST_DIR/swift.env"; set +a
 *   node --import=tsx test/bench/crypt4gh-transfers.ts     # IVJM_BENCH_BYTES, IVJM_BENCH_RUNS
 */
import {randomBytes} from 'node:crypto';
import {mkdir, mkdtemp, open, readFile, rm, writeFile} from 'node:fs/promises';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {decryptingDownload} from '../../source/crypt4gh/decrypting-download.js';
import {encryptingUpload} from '../../source/crypt4gh/encrypting-upload.js';
import {newSecretKey, readPrivateKey, writePrivateKey} from '../../source/crypt4gh/index.js';
import {downloadObject, uploadFile} from '../../source/transfer/index.js';
import {removeContainer, uniqueContainer} from '../helpers/servers.js';
import {tempauthStore} from '../jobs/analyst/swift.js';
import {mebibyte, timed} from './measure.js';
import {median} from './stats.js';

const thisFile = fileURLToPath(import.meta.url);
const modes = ['upload', 'encrypt+upload', 'download', 'download+decrypt'] as const;
type Mode = (typeof modes)[number];
type ChildReport = {seconds: number; baselineRss: number; vmHwm: number};

async function vmHwm(): Promise<number> {
	const status = await readFile('/proc/self/status', 'utf8');
	return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}

/** Child: one case on `container`, timing only the transfer (not Node's start nor the key). */
async function child(mode: Mode, folder: string, container: string): Promise<void> {
	const key = await readPrivateKey(
		await readFile(join(folder, 'key.sec'), 'utf8'),
		'key.sec',
		async () => {
			throw new Error('the bench key has no passphrase');
		},
	);
	const {store} = tempauthStore();
	const out = join(folder, `out-${mode.replace('+', '-')}`);
	await rm(out, {recursive: true, force: true});
	await mkdir(out, {recursive: true});
	const journalFolder = join(folder, 'journals');
	const baselineRss = process.memoryUsage().rss;
	const started = performance.now();
	const data = join(folder, 'data.bin');
	if (mode === 'upload')
		await uploadFile(store, {container, key: 'plain.bin'}, data, {journalFolder});
	if (mode === 'encrypt+upload') {
		const upload = encryptingUpload(uploadFile, [key.publicKey], join(folder, 'encrypting'));
		await upload(store, {container, key: 'sealed.bin'}, data, {journalFolder});
	}
	if (mode === 'download')
		await downloadObject(store, {container, key: 'plain.bin'}, out, 'data.bin', {journalFolder});
	if (mode === 'download+decrypt') {
		const download = decryptingDownload(downloadObject, async () => [key]);
		await download(store, {container, key: 'sealed.bin.c4gh'}, out, 'data.bin', {journalFolder});
	}
	const report: ChildReport = {
		seconds: (performance.now() - started) / 1000,
		baselineRss,
		vmHwm: await vmHwm(),
	};
	await store.close();
	process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function main(): Promise<void> {
	const bytes = Number(process.env.IVJM_BENCH_BYTES ?? 1024 * mebibyte);
	const runs = Number(process.env.IVJM_BENCH_RUNS ?? 3);
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-bench-c4gh-transfers-'));
	const {store, auth} = tempauthStore();
	const container = uniqueContainer('bench-c4gh');
	await store.createContainer(container);
	try {
		await writeFile(join(folder, 'key.sec'), await writePrivateKey(newSecretKey(), undefined));
		const block = randomBytes(mebibyte);
		const file = await open(join(folder, 'data.bin'), 'w');
		for (let written = 0; written < bytes; written += block.length)
			await file.write(block, 0, Math.min(block.length, bytes - written));
		await file.close();
		const rows: string[] = [];
		for (const mode of modes) {
			const seconds: number[] = [];
			const peaks: number[] = [];
			const growth: number[] = [];
			for (let index = 0; index < runs; index++) {
				const result = await timed(
					process.execPath,
					['--import=tsx', thisFile, 'child', mode, folder, container],
					{keep: true},
				);
				const report = JSON.parse(result.stdout) as ChildReport;
				seconds.push(report.seconds);
				peaks.push(result.maxRssBytes / mebibyte);
				growth.push((report.vmHwm - report.baselineRss) / mebibyte);
			}
			const work = median(seconds);
			rows.push(
				`| ${mode} | ${work.toFixed(2)} s | ${(bytes / mebibyte / work).toFixed(0)} MiB/s | ` +
					`${median(peaks).toFixed(0)} MiB | ${median(growth).toFixed(0)} MiB | ` +
					`${seconds.map((value) => value.toFixed(2)).join(', ')} |`,
			);
		}
		console.log(
			`Crypt4GH transfers on Swift, ${(bytes / mebibyte).toFixed(0)} MiB, ${runs} runs each (medians); ` +
				`load average at the end: ${loadavg()
					.map((value) => value.toFixed(1))
					.join(' ')}\n`,
		);
		console.log('| case | work (wall) | throughput | peak RSS | RSS growth | runs (wall, s) |');
		console.log('| --- | --- | --- | --- | --- | --- |');
		for (const row of rows) console.log(row);
	} finally {
		await removeContainer(store, await auth.getSession(), container);
		await store.close();
		await rm(folder, {recursive: true, force: true});
	}
}

if (process.argv[2] === 'child')
	await child(process.argv[3] as Mode, process.argv[4]!, process.argv[5]!);
else await main();
