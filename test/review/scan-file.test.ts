import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import test from 'ava';
import {compileRules} from '../../source/review/compiled-rules.js';
import {describeFinding} from '../../source/review/describe-finding.js';
import type {Finding} from '../../source/review/finding.js';
import {scanFile} from '../../source/review/scan-file.js';
import {tarArchive} from '../bench/tar-writer.js';
import {defaultRules, folder, pgscCalc, writeFiles} from './fixtures.js';
import {zipArchive} from './zip-writer.js';

const rules = compileRules(defaultRules());
const brief = (findings: Finding[]) =>
	findings.map((finding) => [
		finding.rule,
		finding.member,
		finding.column?.name ?? finding.format?.id ?? finding.detail,
	]);

test('a pgsc_calc v2 score file is blocked by its name and by its IID and FID columns, with where they are', async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {'hus_pgs.txt.gz': pgscCalc.v2});
	const scan = await scanFile(join(dir, 'hus_pgs.txt.gz'), 'out/hus_pgs.txt.gz', rules);
	t.deepEqual(brief(scan.findings), [
		['individual-format', undefined, 'pgsc_calc-scores'],
		['identifier-column', undefined, 'FID'],
		['identifier-column', undefined, 'IID'],
	]);
	t.like(scan.findings[2], {
		severity: 'blocking',
		file: 'out/hus_pgs.txt.gz',
		column: {index: 2, name: 'IID'},
		line: 1,
	});
	t.like(scan.contents, [
		{kind: 'table', gzip: true, read: 'whole', table: {delimiter: 'tab', rows: 2, width: 7}},
	]);
});

test('the SHA-256 and size the sign-off records are those of the file as it is on disk (compressed)', async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {'hus_pgs.txt.gz': pgscCalc.v2});
	const scan = await scanFile(join(dir, 'hus_pgs.txt.gz'), 'hus_pgs.txt.gz', rules);
	const bytes = await readFile(join(dir, 'hus_pgs.txt.gz'));
	t.is(scan.bytes, bytes.length);
	t.is(scan.sha256, createHash('sha256').update(bytes).digest('hex'));
});

test("pgsc_calc's older and newer score files are blocked too: aggregated_scores with IID, scores.txt.gz with sample_id", async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {'aggregated_scores.txt.gz': pgscCalc.v1, 'scores.txt.gz': pgscCalc.v3});
	const v1 = await scanFile(
		join(dir, 'aggregated_scores.txt.gz'),
		'aggregated_scores.txt.gz',
		rules,
	);
	t.deepEqual(brief(v1.findings), [
		['individual-format', undefined, 'pgsc_calc-scores'],
		['identifier-column', undefined, 'IID'],
	]);
	t.like(v1.contents, [{table: {delimiter: 'space', rows: 3}}]);
	const v3 = await scanFile(join(dir, 'scores.txt.gz'), 'scores.txt.gz', rules);
	t.deepEqual(brief(v3.findings), [
		['individual-format', undefined, 'pgsc_calc-scores'],
		['identifier-column', undefined, 'sample_id'],
	]);
});

test('renamed, a per-individual score file is still known by its columns', async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {'result.tsv': 'sampleset\tPGS\tSUM\nhus\tPGS000018\t0.12\n'});
	const scan = await scanFile(join(dir, 'result.tsv'), 'result.tsv', rules);
	t.like(scan.findings, [
		{rule: 'individual-format', format: {id: 'pgsc_calc-scores', by: 'columns'}, line: 1},
	]);
});

test('every count below the threshold is flagged with its cell, zeros included; counts at the threshold are not', async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {'counts.tsv': pgscCalc.counts, 'summary.tsv': pgscCalc.summary});
	const counts = await scanFile(
		join(dir, 'counts.tsv'),
		'counts.tsv',
		compileRules(defaultRules({threshold: 5})),
	);
	t.deepEqual(counts.findings, [
		{
			rule: 'small-count',
			severity: 'warning',
			file: 'counts.tsv',
			column: {index: 1, name: 'cases'},
			line: 3,
			cells: [
				{line: 3, column: 1, value: '3'},
				{line: 4, column: 1, value: '0'},
			],
			total: 2,
			below: 5,
		},
	]);
	t.is(
		describeFinding(counts.findings[0] as Finding),
		'2 counts in column 2 "cases" below 5 (line 3: "3")',
	);
	const summary = await scanFile(join(dir, 'summary.tsv'), 'summary.tsv', rules);
	t.deepEqual(summary.findings, [], 'an aggregate of 2,481 people per score passes');
	const strict = await scanFile(
		join(dir, 'counts.tsv'),
		'counts.tsv',
		compileRules(defaultRules({threshold: 13})),
	);
	t.like(strict.findings, [{rule: 'small-count', total: 3}], "a biobank's own threshold applies");
});

test("identifier columns are found whatever their case, quoted in CSV or behind PLINK 2's #", async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {
		'a.csv': '"Sample_ID","score"\n"S1",0.1\n',
		'b.txt': '#FID\tIID\tSEX\nF1\tI1\t1\n',
		'c.tsv': 'EID\tvalue\n1000001\t2.5\n',
	});
	const names = [];
	for (const file of ['a.csv', 'b.txt', 'c.tsv']) {
		const scan = await scanFile(join(dir, file), file, rules);
		names.push(
			scan.findings
				.filter((finding) => finding.rule === 'identifier-column')
				.map((finding) => finding.column?.name),
		);
	}
	t.deepEqual(names, [['Sample_ID'], ['FID', 'IID'], ['EID']]);
});

test('a list of IIDs, one column, is a table with an identifier column', async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {'keep.txt': 'IID\nHUS0001\nHUS0002\n'});
	const scan = await scanFile(join(dir, 'keep.txt'), 'keep.txt', rules);
	t.like(scan.findings, [{rule: 'identifier-column', column: {index: 0, name: 'IID'}}]);
});

test('genotype and read files are known by their content, gzip unpacked: PLINK, VCF, BAM; a text .bed of regions is not', async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {
		'data.bed': Buffer.from([0x6c, 0x1b, 0x01, 0x00, 0xff]),
		'calls.vcf.gz': gzipSync(
			'##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tHUS0001\n',
		),
		'reads.bin': gzipSync(Buffer.concat([Buffer.from('BAM\u0001'), Buffer.alloc(64)])),
		'regions.bed': 'chr1\t1000\t2000\tpeak1\nchr2\t500\t900\tpeak2\n',
	});
	const formats = [];
	for (const file of ['data.bed', 'calls.vcf.gz', 'reads.bin', 'regions.bed']) {
		const scan = await scanFile(join(dir, file), file, rules);
		formats.push(
			scan.findings.map(
				(finding) => `${finding.rule}:${finding.format?.id ?? ''}:${finding.format?.by ?? ''}`,
			),
		);
	}
	t.deepEqual(formats, [
		['individual-format:plink:magic'],
		['individual-format:vcf:magic'],
		['individual-format:bam:magic'],
		[],
	]);
});

test('a sample list is known by its name: .fam has no header to give it away', async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {'cohort.fam': 'F1 I1 0 0 1 -9\nF2 I2 0 0 2 -9\n'});
	const scan = await scanFile(join(dir, 'cohort.fam'), 'cohort.fam', rules);
	t.like(scan.findings, [{rule: 'individual-format', format: {id: 'sample-list', by: 'name'}}]);
});

test('the members of a zip archive are scanned one by one, a gzip inside one unpacked', async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {
		'pgsc_calc_results.zip': zipArchive([
			{name: 'score/', body: ''},
			{name: 'score/aggregated_scores.txt.gz', body: pgscCalc.v1, stored: true},
			{name: 'score/summary.tsv', body: pgscCalc.summary},
			{name: 'score/counts.tsv', body: pgscCalc.counts},
		]),
	});
	const scan = await scanFile(join(dir, 'pgsc_calc_results.zip'), 'pgsc_calc_results.zip', rules);
	t.deepEqual(brief(scan.findings), [
		['individual-format', 'score/aggregated_scores.txt.gz', 'pgsc_calc-scores'],
		['identifier-column', 'score/aggregated_scores.txt.gz', 'IID'],
		['small-count', 'score/counts.tsv', 'cases'],
	]);
	t.deepEqual(
		scan.contents.map((content) => [
			content.member,
			content.kind,
			content.gzip,
			content.table?.rows,
		]),
		[
			['score/aggregated_scores.txt.gz', 'table', true, 3],
			['score/summary.tsv', 'table', false, 2],
			['score/counts.tsv', 'table', false, 4],
		],
	);
	const bytes = await readFile(join(dir, 'pgsc_calc_results.zip'));
	t.is(
		scan.sha256,
		createHash('sha256').update(bytes).digest('hex'),
		'the archive itself is hashed',
	);
});

test('what the scan cannot look into blocks: other compressions, a tar archive, broken gzip; an image is only flagged', async (t) => {
	const dir = await folder(t);
	const gz = gzipSync('IID\tx\nA\t1\n');
	await writeFiles(dir, {
		'table.tsv.xz': Buffer.concat([Buffer.from('fd377a585a00', 'hex'), Buffer.alloc(40, 1)]),
		'bundle.tar': tarArchive([{path: 'scores.tsv', body: Buffer.from('IID\t1\n'), mtime: 0}]),
		'cut.tsv.gz': gz.subarray(0, gz.length - 12),
		'plot.png': Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100)]),
	});
	const seen = [];
	for (const file of ['table.tsv.xz', 'bundle.tar', 'cut.tsv.gz', 'plot.png']) {
		const scan = await scanFile(join(dir, file), file, rules);
		seen.push(
			scan.findings.map(
				(finding) => `${finding.severity} ${finding.rule}: ${describeFinding(finding)}`,
			),
		);
	}
	t.deepEqual(seen.slice(0, 2), [
		[
			'blocking unreadable: not readable by the scan: xz-compressed data: the scan cannot look inside it',
		],
		[
			'blocking unreadable: not readable by the scan: a tar archive: the scan cannot look inside it',
		],
	]);
	t.regex(
		seen[2]?.[0] ?? '',
		/^blocking unreadable: not readable by the scan: the gzip data is broken: /u,
	);
	t.deepEqual(seen[3], ['warning not-scanned: a PNG image: not scanned, look at it yourself']);
});

test('a table with as many rows as a cohort would have is flagged, and so is one with as many columns', async (t) => {
	const dir = await folder(t);
	const rows = ['score\tvalue', ...Array.from({length: 120}, (_, index) => `s${index}\t${index}`)];
	const wide = [
		Array.from({length: 150}, (_, index) => `HG${index}`).join('\t'),
		Array.from({length: 150}, () => '0').join('\t'),
	];
	await writeFiles(dir, {'long.tsv': `${rows.join('\n')}\n`, 'wide.tsv': `${wide.join('\n')}\n`});
	const cohort = compileRules(defaultRules({cohortRows: 100}));
	const long = await scanFile(join(dir, 'long.tsv'), 'long.tsv', cohort);
	t.like(long.findings, [
		{rule: 'cohort-sized-table', severity: 'warning', axis: 'rows', total: 120, line: 2},
	]);
	const many = await scanFile(join(dir, 'wide.tsv'), 'wide.tsv', cohort);
	t.like(many.findings, [{rule: 'cohort-sized-table', axis: 'columns', total: 150}]);
});

test('prose is not a table and is left after its first lines; a binary is left after its head, but hashed whole', async (t) => {
	const dir = await folder(t);
	const big = Buffer.alloc(3 * 1024 * 1024, 0x41);
	big[0] = 0;
	await writeFiles(dir, {
		'README.md': '# Results\n\nThe scores were computed with pgsc_calc.\n',
		'blob.bin': big,
	});
	const text = await scanFile(join(dir, 'README.md'), 'README.md', rules);
	t.like(text.contents, [{kind: 'text'}]);
	t.deepEqual(text.findings, []);
	const blob = await scanFile(join(dir, 'blob.bin'), 'blob.bin', rules);
	t.like(blob.contents, [{kind: 'binary', read: 'head'}]);
	t.is(blob.sha256, createHash('sha256').update(big).digest('hex'));
	t.like(blob.findings, [{rule: 'not-scanned', severity: 'warning'}]);
});
