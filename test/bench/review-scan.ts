/**
 * Speed and memory of the release review's scan (source/review/) on big results, next to the
 * shell tools that do part of its work: `sha256sum` (the SHA-256 the sign-off records) and
 * `zcat | awk` (unpacking and splitting a table to look at a count column). Each runs in its
 * own process under `/usr/bin/time`, so peak RSS is measured the same way for all.
 *
 *   node --import=tsx test/bench/review-scan.ts          # IVJM_BENCH_SCAN_MIB=… (default 512)
 *
 * Files: a gzipped TSV table of that many MiB unpacked (read whole: every count cell is looked
 * at), and a binary of that many MiB with PLINK's magic bytes (its first 64 KiB are looked at,
 * every byte hashed).
 */
import {execFile} from 'node:child_process';
import {createWriteStream} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pipeline} from 'node:stream/promises';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {createGzip} from 'node:zlib';
import {builtInCatalogue} from '../../source/protocol/catalogue.js';
import {catalogueRules} from '../../source/protocol/review-rules.js';
import {compileRules} from '../../source/review/compiled-rules.js';
import {scanFile} from '../../source/review/scan-file.js';

const mebibyte = 1024 * 1024;
const run = promisify(execFile);
const thisFile = fileURLToPath(import.meta.url);

async function child(path: string): Promise<void> {
	const review = builtInCatalogue.releaseReview;
	if (!review) throw new Error('no releaseReview in the catalogue');
	const scan = await scanFile(path, path, compileRules(catalogueRules(review, 'HUS')));
	process.stdout.write(
		`${JSON.stringify({findings: scan.findings.length, contents: scan.contents})}\n`,
	);
}

/** The table's text in chunks of about 1 MiB: one string per row would make writing it the bench. */
async function* tableChunks(bytes: number): AsyncGenerator<string> {
	yield 'group\tPGS\tn\tcases\tcontrols\tmean\n';
	let written = 0;
	let index = 0;
	while (written < bytes) {
		const rows: string[] = [];
		let chunk = 0;
		while (chunk < mebibyte) {
			const row = `g${index}\tPGS${index % 3000}\t${(index * 7919) % 5000}\t${index % 97}\t${(index * 31) % 400}\t${(index % 1000) / 1000}\n`;
			rows.push(row);
			chunk += row.length;
			index++;
		}
		written += chunk;
		yield rows.join('');
	}
}

async function timedRun(label: string, command: string, args: string[]): Promise<string> {
	const {stderr, stdout} = await run('/usr/bin/time', ['-f', '%e %M', command, ...args], {
		maxBuffer: 64 * mebibyte,
	});
	const [seconds, kilobytes] = (stderr.trim().split('\n').at(-1) ?? '').split(' ');
	const line = `| ${label} | ${Number(seconds).toFixed(1)} s | ${(Number(kilobytes) / 1024).toFixed(0)} MiB |`;
	process.stdout.write(`${line}\n`);
	return stdout;
}

async function main(): Promise<void> {
	const size = Number(process.env['IVJM_BENCH_SCAN_MIB'] ?? 512) * mebibyte;
	const dir = await mkdtemp(join(tmpdir(), 'ivjm-bench-scan-'));
	try {
		const table = join(dir, 'groups.tsv.gz');
		await pipeline(tableChunks(size), createGzip({level: 1}), createWriteStream(table));
		const binary = join(dir, 'genotypes.bed');
		const bytes = Buffer.alloc(size, 0x55);
		bytes.set([0x6c, 0x1b, 0x01], 0);
		await writeFile(binary, bytes);
		process.stdout.write(`| case (${size / mebibyte} MiB) | time | peak RSS |\n|---|---|---|\n`);
		const node = ['--import=tsx', thisFile, '--child'];
		const scanned = await timedRun(
			'ivjm scan, gzipped table (hash + every row)',
			process.execPath,
			[...node, table],
		);
		await timedRun('zcat | awk (count column < 5)', 'sh', [
			'-c',
			`zcat '${table}' | awk -F'\\t' '$4<5{c++} END{print c}'`,
		]);
		await timedRun('sha256sum, gzipped table', 'sha256sum', [table]);
		await timedRun('ivjm scan, binary (hash + head)', process.execPath, [...node, binary]);
		await timedRun('sha256sum, binary', 'sha256sum', [binary]);
		process.stdout.write(`\nscan of the table: ${scanned}`);
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

if (process.argv[2] === '--child') await child(process.argv[3] ?? '');
else await main();
