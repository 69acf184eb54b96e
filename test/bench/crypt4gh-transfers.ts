/**
 * Encrypted transfers beside plain ones on the real Swift (issue 17): upload vs encrypt+upload
 * (encryptingUpload: encrypt to a file in the state folder, then the same upload), download vs
 * download+decrypt (decryptingDownload: decrypted while it arrives, verified against the
 * plaintext SHA-256). Each case runs in its own process under /usr/bin/time; the child reports
 * its own work time and how far its RSS grew (memory should stay flat). Part `crypt4gh` of
 * `npm run bench` (crypt4ghTransfers: rows of case 7), or standalone (a table of its own):
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
import {createSwiftStore, createTempAuth} from '../../source/storage/swift/index.js';
import {mebibyte, record, timed} from './measure.js';
import {median} from './stats.js';

const thisFile = fileURLToPath(import.meta.url);

/** tempauth from swift.env: `npm run bench` starts Swift without Keystone, which tempauthStore() wants. */
function tempauthStore() {
	const {SWIFT_TEMPAUTH_URL, SWIFT_TEMPAUTH_USER, SWIFT_TEMPAUTH_KEY} = process.env;
	if (!SWIFT_TEMPAUTH_URL || !SWIFT_TEMPAUTH_USER || !SWIFT_TEMPAUTH_KEY) {
		throw new Error('Start the test Swift and source its swift.env first (test/server/start.sh)');
	}
	const auth = createTempAuth({
		authUrl: SWIFT_TEMPAUTH_URL,
		user: SWIFT_TEMPAUTH_USER,
		key: SWIFT_TEMPAUTH_KEY,
	});
	return {store: createSwiftStore({auth}), auth};
}
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
		const upload = encryptingUpload(uploadFile, [key.publicKey]);
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

type ModeRuns = {mode: Mode; seconds: number[]; peaks: number[]; growth: number[]; wall: number[]};

/** Every mode `runs` times on a fresh container and file of `bytes`, each run its own process. */
async function measureModes(
	bytes: number,
	runs: number,
	log: (line: string) => void = () => undefined,
): Promise<ModeRuns[]> {
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
		const measured: ModeRuns[] = [];
		for (let index = 0; index < runs; index++) {
			log(`  crypt4gh round ${index + 1}`);
			for (const [at, mode] of modes.entries()) {
				measured[at] ??= {mode, seconds: [], peaks: [], growth: [], wall: []};
				const result = await timed(
					process.execPath,
					['--import=tsx', thisFile, 'child', mode, folder, container],
					{keep: true},
				);
				const report = JSON.parse(result.stdout) as ChildReport;
				measured[at].seconds.push(report.seconds);
				measured[at].wall.push(result.seconds);
				measured[at].peaks.push(result.maxRssBytes / mebibyte);
				measured[at].growth.push((report.vmHwm - report.baselineRss) / mebibyte);
			}
		}
		return measured;
	} finally {
		await removeContainer(store, await auth.getSession(), container);
		await store.close();
		await rm(folder, {recursive: true, force: true});
	}
}

/** The plain transfer each encrypted one is compared with. */
const plainOf: Partial<Record<Mode, Mode>> = {
	'encrypt+upload': 'upload',
	'download+decrypt': 'download',
};

/**
 * `npm run bench -- crypt4gh`: the four cases as rows of bench.ts's table (case 7), the
 * encrypted ones with their ratio to the plain transfer (issue 17's goal: at most 1.3×, memory
 * flat): time inside the process, the whole process's wall time, and its peak RSS.
 */
export async function crypt4ghTransfers(
	bytes: number,
	runs: number,
	log: (line: string) => void,
): Promise<void> {
	const size = `${(bytes / mebibyte).toFixed(0)} MiB`;
	log(`Crypt4GH transfers of ${size}`);
	for (const {mode, seconds, peaks, wall} of await measureModes(bytes, runs, log)) {
		const id = `crypt4gh.${bytes}.${mode}`;
		const plain = plainOf[mode] && `crypt4gh.${bytes}.${plainOf[mode]}`;
		const tool = `ivjm ${mode}`;
		const rows = [
			{
				key: '',
				measure: `${mode} ${size} (time inside the process)`,
				unit: 's' as const,
				values: seconds,
			},
			{key: 'wall.', measure: `${mode} ${size}, whole process`, unit: 's' as const, values: wall},
			{key: 'rss.', measure: `peak RSS, ${mode} ${size}`, unit: 'MiB' as const, values: peaks},
		];
		for (const row of rows) {
			for (const value of row.values) {
				record(
					{
						id: `${row.key}${id}`,
						case: '7 crypt4gh',
						measure: row.measure,
						tool,
						unit: row.unit,
						bytes: row.unit === 's' ? bytes : undefined,
						peers: plain ? [`${row.key}${plain}`] : undefined,
					},
					value,
				);
			}
		}
	}
}

async function main(): Promise<void> {
	const bytes = Number(process.env.IVJM_BENCH_BYTES ?? 1024 * mebibyte);
	const runs = Number(process.env.IVJM_BENCH_RUNS ?? 3);
	const rows = (await measureModes(bytes, runs)).map(({mode, seconds, peaks, growth}) => {
		const work = median(seconds);
		return (
			`| ${mode} | ${work.toFixed(2)} s | ${(bytes / mebibyte / work).toFixed(0)} MiB/s | ` +
			`${median(peaks).toFixed(0)} MiB | ${median(growth).toFixed(0)} MiB | ` +
			`${seconds.map((value) => value.toFixed(2)).join(', ')} |`
		);
	});
	console.log(
		`Crypt4GH transfers on Swift, ${(bytes / mebibyte).toFixed(0)} MiB, ${runs} runs each (medians); ` +
			`load average at the end: ${loadavg()
				.map((value) => value.toFixed(1))
				.join(' ')}\n`,
	);
	console.log('| case | work (wall) | throughput | peak RSS | RSS growth | runs (wall, s) |');
	console.log('| --- | --- | --- | --- | --- | --- |');
	for (const row of rows) console.log(row);
}

if (process.argv[2] === 'child')
	await child(process.argv[3] as Mode, process.argv[4]!, process.argv[5]!);
else if (process.argv[1] === thisFile) await main();
