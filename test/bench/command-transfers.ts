/**
 * Transfers as a user meets them: each program a whole process, started, transferring one file
 * and exiting, under GNU time (wall time and peak RSS), on loopback or through the WAN proxy.
 *
 * - ivjm: `ivjm submit --input FILE` (a job of type `other` at one biobank: the 1 GiB input,
 *   then task.json and its markers) and `ivjm claim` of that job (the claim, its settle wait,
 *   then the input downloaded and its SHA-256 checked);
 * - python-swiftclient: `swift upload -S 256M --use-slo`, `swift download`;
 * - rclone: `rclone copy --swift-chunk-size 256M`, both ways.
 *
 * Every program gets the same token and storage URL (the proxy's, on the WAN: tempauth answers
 * a sign-in through the proxy with the proxy's own address), so none signs in while timed.
 */
import {createHash, randomFillSync} from 'node:crypto';
import {execFile} from 'node:child_process';
import {createReadStream} from 'node:fs';
import {mkdir, mkdtemp, open, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {mebibyte, record, timed} from './measure.js';
import {cleanEnvironment} from './overview-cases.js';
import type {SwiftAccount} from './seed-swift.js';
import {sizeLabel} from './transfer-cases.js';

const run = promisify(execFile);
const segment = String(256 * mebibyte);

export type Endpoint = {
	/** `loopback` or `wan`: part of every id. */
	id: string;
	/** Words for the table: "on loopback", "over a WAN of 30 ms, 200 Mbit/s". */
	label: string;
	case: string;
	account: SwiftAccount;
};

type Tool = 'ivjm' | 'swift' | 'rclone';
type Operation = 'upload' | 'download';

const toolNames: Record<Tool, Record<Operation, string>> = {
	ivjm: {upload: 'ivjm submit --input (job of one input)', download: 'ivjm claim (downloads it)'},
	swift: {upload: 'swift upload -S 256M --use-slo', download: 'swift download'},
	rclone: {upload: 'rclone copy --swift-chunk-size 256M', download: 'rclone copy'},
};

async function sha256Of(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path, {highWaterMark: 4 * mebibyte}))
		hash.update(chunk as Buffer);
	return hash.digest('hex');
}

async function randomFile(path: string, bytes: number): Promise<void> {
	const file = await open(path, 'wx');
	const chunk = Buffer.alloc(16 * mebibyte);
	try {
		for (let written = 0; written < bytes; written += chunk.length) {
			randomFillSync(chunk);
			await file.write(chunk, 0, Math.min(chunk.length, bytes - written));
		}
	} finally {
		await file.close();
	}
}

/** One round: each tool uploads the file, then downloads it; every download is checked. */
export async function commandTransferRound(
	endpoint: Endpoint,
	bytes: number,
	home: string,
	log: (message: string) => void,
): Promise<void> {
	const folder = await mkdtemp(join(process.env['IVJM_BENCH_DIR'] ?? tmpdir(), 'ivjm-bench-cmd-'));
	const {token, storageUrl} = endpoint.account;
	const suffix = Date.now().toString(36);
	const containers = {
		ivjm: `ivjm-bench-cmd-${suffix}`,
		swift: `ivjm-bench-cmd-swift-${suffix}`,
		rclone: `ivjm-bench-cmd-rclone-${suffix}`,
	};
	const base = cleanEnvironment(home);
	const swiftArgs = ['--os-auth-token', token, '--os-storage-url', storageUrl];
	const swiftCli = (...args: string[]) =>
		run('/usr/bin/swift', [...swiftArgs, ...args], {env: base, cwd: folder});
	const rcloneEnvironment = {
		...base,
		RCLONE_CONFIG_BENCH_TYPE: 'swift',
		RCLONE_CONFIG_BENCH_AUTH_TOKEN: token,
		RCLONE_CONFIG_BENCH_STORAGE_URL: storageUrl,
	};
	const ivjmEnvironment = (user: string) => ({
		...base,
		OS_AUTH_TOKEN: token,
		OS_STORAGE_URL: storageUrl,
		OS_USERNAME: user,
		OS_PROJECT_NAME: 'project_2004504',
	});
	try {
		const source = join(folder, 'input.bin');
		await randomFile(source, bytes);
		const expected = await sha256Of(source);
		const check = async (path: string, tool: string) => {
			if ((await sha256Of(path)) !== expected) throw new Error(`${tool} downloaded other bytes`);
			await rm(path, {force: true});
		};
		for (const container of Object.values(containers)) await swiftCli('post', container);
		const note = (
			tool: Tool,
			operation: Operation,
			measured: {seconds: number; maxRssBytes: number},
		) => recordCommand(endpoint, tool, operation, bytes, measured);

		log(`  ${endpoint.id}: ivjm submit, then claim`);
		await writeFile(join(folder, 'instructions.md'), 'Run it.\n');
		await writeFile(
			join(folder, 'request.json'),
			JSON.stringify({
				name: 'bench transfer',
				email: 'bench@example.org',
				biobanks: ['HUS'],
				analysis: 'other',
				outputs: ['out.txt'],
				instructions: join(folder, 'instructions.md'),
			}),
		);
		const bucket = ['--bucket', containers.ivjm];
		const submit = await timed(
			process.execPath,
			[
				'dist/cli.js',
				'submit',
				'--task',
				join(folder, 'request.json'),
				'--input',
				source,
				...bucket,
			],
			{env: ivjmEnvironment('benchrequester'), keep: true},
		);
		note('ivjm', 'upload', submit);
		const jobId = submit.stdout.trim();
		const work = join(folder, 'work');
		const claim = await timed(
			process.execPath,
			['dist/cli.js', 'claim', jobId, '--biobank', 'HUS', '--dir', work, '--json', ...bucket],
			{env: ivjmEnvironment('benchanalyst'), keep: true},
		);
		note('ivjm', 'download', claim);
		const claimed = JSON.parse(claim.stdout) as {
			folder: string;
			files: Array<{path: string; bytes: number}>;
		};
		const input = claimed.files.find((file) => file.bytes === bytes);
		if (!input) throw new Error(`ivjm claim did not download the input: ${claim.stdout}`);
		await check(join(claimed.folder, input.path), 'ivjm');

		log(`  ${endpoint.id}: swift upload, download`);
		note(
			'swift',
			'upload',
			await timed(
				'/usr/bin/swift',
				[...swiftArgs, 'upload', '-S', segment, '--use-slo', containers.swift, 'input.bin'],
				{cwd: folder, env: base},
			),
		);
		note(
			'swift',
			'download',
			await timed(
				'/usr/bin/swift',
				[...swiftArgs, 'download', containers.swift, 'input.bin', '-o', 'swift-out.bin'],
				{cwd: folder, env: base},
			),
		);
		await check(join(folder, 'swift-out.bin'), 'swift');

		log(`  ${endpoint.id}: rclone copy up, down`);
		note(
			'rclone',
			'upload',
			await timed(
				'rclone',
				['copy', '--swift-chunk-size', '256M', source, `bench:${containers.rclone}`],
				{env: rcloneEnvironment},
			),
		);
		await mkdir(join(folder, 'rclone'));
		note(
			'rclone',
			'download',
			await timed(
				'rclone',
				['copy', `bench:${containers.rclone}/input.bin`, join(folder, 'rclone')],
				{env: rcloneEnvironment},
			),
		);
		await check(join(folder, 'rclone', 'input.bin'), 'rclone');
	} finally {
		for (const container of Object.values(containers)) {
			await swiftCli('delete', container).catch(() => undefined);
			await swiftCli('delete', `${container}_segments`).catch(() => undefined);
		}
		await rm(folder, {recursive: true, force: true});
	}
}

function recordCommand(
	endpoint: Endpoint,
	tool: Tool,
	operation: Operation,
	bytes: number,
	measured: {seconds: number; maxRssBytes: number},
): void {
	const id = `cmd.${endpoint.id}.${operation}.${bytes}.${tool}`;
	const peerIds = (prefix: string) =>
		tool === 'ivjm'
			? (['swift', 'rclone'] as const).map(
					(peer) => `${prefix}cmd.${endpoint.id}.${operation}.${bytes}.${peer}`,
				)
			: undefined;
	const what = `${operation} ${sizeLabel(bytes)} ${endpoint.label}, whole process`;
	record(
		{
			id,
			case: endpoint.case,
			measure: what,
			tool: toolNames[tool][operation],
			unit: 's',
			bytes,
			peers: peerIds(''),
		},
		measured.seconds,
	);
	record(
		{
			id: `rss.${id}`,
			case: '3 memory',
			measure: `peak RSS, ${what}`,
			tool: toolNames[tool][operation],
			unit: 'MiB',
			peers: peerIds('rss.'),
		},
		measured.maxRssBytes / mebibyte,
	);
}
