import {join} from 'node:path';
import test from 'ava';
import {previewFile} from '../../source/review/preview.js';
import {defaultRules, folder, pgscCalc, writeFiles} from './fixtures.js';
import {zipArchive} from './zip-writer.js';

const rules = defaultRules();

test('the preview shows the first rows with the identifier column marked blocking, gzip unpacked', async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {'hus_pgs.txt.gz': pgscCalc.v2});
	const preview = await previewFile(join(dir, 'hus_pgs.txt.gz'), rules, {rows: 1});
	t.deepEqual(preview, {
		kind: 'table',
		header: {
			line: 1,
			cells: [
				{text: 'sampleset'},
				{text: 'FID', mark: 'blocking'},
				{text: 'IID', mark: 'blocking'},
				{text: 'PGS'},
				{text: 'SUM'},
				{text: 'DENOM'},
				{text: 'AVG'},
			],
		},
		rows: [
			{
				line: 2,
				cells: [
					{text: 'hus'},
					{text: 'F1', mark: 'blocking'},
					{text: 'HUS0001', mark: 'blocking'},
					{text: 'PGS000018_hmPOS_GRCh38'},
					{text: '0.1204'},
					{text: '301'},
					{text: '0.0004'},
				],
			},
		],
		more: true,
	});
});

test('the 3 and the 0 of a count column are marked as warnings, the other counts not', async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {'counts.tsv': pgscCalc.counts});
	const preview = await previewFile(join(dir, 'counts.tsv'), rules);
	if (preview.kind !== 'table') throw new Error(`a ${preview.kind}`);
	t.deepEqual(
		preview.rows.map((row) => [row.line, row.cells[1]?.text, row.cells[1]?.mark]),
		[
			[2, '12', undefined],
			[3, '3', 'warning'],
			[4, '0', 'warning'],
			[5, '17', undefined],
		],
	);
	t.false(preview.more);
});

test('a far line can be shown: from a flagged cell the scan reported', async (t) => {
	const dir = await folder(t);
	const rows = [
		'group\tn',
		...Array.from({length: 5000}, (_, index) => `g${index}\t${index === 4321 ? 2 : 50}`),
	];
	await writeFiles(dir, {'groups.tsv': `${rows.join('\n')}\n`});
	const preview = await previewFile(join(dir, 'groups.tsv'), rules, {fromLine: 4322, rows: 2});
	if (preview.kind !== 'table') throw new Error(`a ${preview.kind}`);
	t.deepEqual(
		preview.rows.map((row) =>
			row.cells.map((cell) => `${cell.text}${cell.mark ? `!${cell.mark}` : ''}`),
		),
		[
			['g4320', '50'],
			['g4321', '2!warning'],
		],
	);
	t.is(preview.header?.line, 1);
});

test("other people's text is made safe and cut: escape sequences become visible, long cells end in …", async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {'evil.tsv': `name\tnote\nx\u001b]0;pwned\u0007\t${'y'.repeat(100)}\n`});
	const preview = await previewFile(join(dir, 'evil.tsv'), rules, {maxCellChars: 10});
	if (preview.kind !== 'table') throw new Error(`a ${preview.kind}`);
	t.deepEqual(
		preview.rows[0]?.cells.map((cell) => cell.text),
		['x␛]0;pwne…', 'yyyyyyyyy…'],
	);
});

test('prose is shown as lines, a binary only named, an archive as its members', async (t) => {
	const dir = await folder(t);
	await writeFiles(dir, {
		'README.md': '# Results\n\nScores for 2,481 people.\n',
		'geno.bed': Buffer.from([0x6c, 0x1b, 0x01, 0, 0, 0]),
		'out.zip': zipArchive([
			{name: 'a.tsv', body: 'IID\tx\nA\t1\n'},
			{name: 'b.txt', body: 'hello'},
		]),
	});
	t.deepEqual(await previewFile(join(dir, 'README.md'), rules), {
		kind: 'text',
		lines: [
			{line: 1, text: '# Results'},
			{line: 2, text: ''},
			{line: 3, text: 'Scores for 2,481 people.'},
		],
		more: false,
	});
	t.deepEqual(await previewFile(join(dir, 'geno.bed'), rules), {
		kind: 'binary',
		description: 'PLINK genotypes',
	});
	t.deepEqual(await previewFile(join(dir, 'out.zip'), rules), {
		kind: 'archive',
		members: ['a.tsv', 'b.txt'],
	});
	const member = await previewFile(join(dir, 'out.zip'), rules, {member: 'a.tsv'});
	t.like(member, {kind: 'table', header: {cells: [{text: 'IID', mark: 'blocking'}, {text: 'x'}]}});
});
