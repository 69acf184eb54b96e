import {mkdir, readdir, readFile, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {mebibyte, record, timed} from './measure.js';

type TransferResult = {
	tool: string;
	operation: 'upload' | 'download';
	seconds: number;
	maxRssBytes: number;
	own?: {
		baselineRss: number;
		sampledPeakRss: number;
		vmHwm: number;
		phases: Record<string, number>;
	};
};

const here = import.meta.dirname;

/**
 * One round of transfer-memory.ts (another engineer's bench, reused as it is): ivjm, the swift
 * CLI and rclone each upload and download one file of `bytes`, every transfer in its own
 * process under GNU time. Its figures are read back from the JSON file it writes.
 */
export async function transferRound(bytes: number): Promise<TransferResult[]> {
	const folder = join(here, 'results');
	await mkdir(folder, {recursive: true});
	const before = new Set(await readdir(folder));
	const child = await timed(process.execPath, ['--import=tsx', join(here, 'transfer-memory.ts')], {
		env: {...process.env, IVJM_BENCH_BYTES: String(bytes)},
		keep: true,
	});
	const written = (await readdir(folder)).filter(
		(name) => name.startsWith('transfer-memory-') && !before.has(name),
	);
	// Another run of it may write next to ours: ours is the one whose ivjm upload time it printed.
	for (const name of written) {
		const data = JSON.parse(await readFile(join(folder, name), 'utf8')) as {
			bytes: number;
			results: TransferResult[];
		};
		const upload = data.results.find(
			(result) => result.tool === 'ivjm' && result.operation === 'upload',
		);
		if (data.bytes === bytes && upload && child.stdout.includes(`'${upload.seconds.toFixed(1)}'`)) {
			await rm(join(folder, name));
			return data.results;
		}
	}
	throw new Error(`transfer-memory.ts wrote no result of its own:\n${child.stdout}`);
}

const toolNames: Record<string, Record<'upload' | 'download', string>> = {
	ivjm: {upload: 'ivjm (SHA-256 on)', download: 'ivjm (SHA-256 on)'},
	swift: {upload: 'swift upload -S 256M --use-slo', download: 'swift download'},
	rclone: {upload: 'rclone copy', download: 'rclone copy'},
};

export type TransferPhase = {operation: string; bytes: number; phase: string; seconds: number};

export function sizeLabel(bytes: number): string {
	return bytes >= 1024 * mebibyte ? `${bytes / (1024 * mebibyte)} GiB` : `${bytes / mebibyte} MiB`;
}

/**
 * Records a round: times (case 2) for the full size, peak RSS (case 3) for every size, and for
 * ivjm how much its RSS grew over the signed-in process, which shows whether memory follows
 * the file size. Peers of the small round stay out of the table.
 */
export function recordTransfers(
	results: TransferResult[],
	bytes: number,
	full: boolean,
	phases: TransferPhase[],
): void {
	const size = sizeLabel(bytes);
	for (const result of results) {
		const key = result.tool === 'python-swiftclient' ? 'swift' : result.tool;
		const id = `${result.operation}.${bytes}.${key}`;
		const peers =
			key === 'ivjm'
				? [`${result.operation}.${bytes}.swift`, `${result.operation}.${bytes}.rclone`]
				: undefined;
		const tool = toolNames[key]?.[result.operation] ?? result.tool;
		if (full) {
			record(
				{
					id,
					case: '2 transfer',
					measure: `${result.operation} ${size}, segments of 256 MiB${key === 'ivjm' ? ' (ivjm: 4 in parallel; time inside its process)' : ''}`,
					tool,
					unit: 's',
					bytes,
					peers,
				},
				result.seconds,
			);
		}
		record(
			{
				id: `rss.${id}`,
				case: '3 memory',
				measure: `peak RSS, ${result.operation} ${size}`,
				tool,
				unit: 'MiB',
				peers: peers?.map((peer) => `rss.${peer}`),
				hidden: !full && key !== 'ivjm',
			},
			result.maxRssBytes / mebibyte,
		);
		if (result.own) {
			record(
				{
					id: `growth.${id}`,
					case: '3 memory',
					measure: `RSS growth during the ${result.operation} of ${size}, over the signed-in process`,
					tool,
					unit: 'MiB',
				},
				(Math.max(result.own.sampledPeakRss, result.own.vmHwm) - result.own.baselineRss) / mebibyte,
			);
			for (const [phase, seconds] of Object.entries(result.own.phases))
				phases.push({operation: result.operation, bytes, phase, seconds});
		}
	}
}
