import {mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {downloadJournalSchema, journalFile} from '../../source/transfer/journal.js';

const note = {
	version: 1 as const,
	kind: 'download' as const,
	path: '/jobs/out.zip',
	container: 'bucket',
	key: 'jobs/jdoe/1-jdoe/HUS/results/out.zip',
	etag: 'd41d8cd98f00b204e9800998ecf8427e',
	bytes: 10,
};

test('a journal is written whole, read back, and removed', async (t) => {
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-journal-'));
	t.teardown(async () => rm(folder, {recursive: true, force: true}));
	const journal = journalFile(
		join(folder, 'transfers'),
		'download',
		['/jobs/out.zip'],
		downloadJournalSchema,
	);
	await Promise.all([journal.write({...note, bytes: 1}), journal.write(note)]);
	t.deepEqual(await journal.read(), note, 'writes land in order');
	t.deepEqual(
		await readdir(join(folder, 'transfers')),
		[journal.path.split('/').at(-1)],
		'no temp file left',
	);
	await journal.remove();
	t.is(await journal.read(), undefined);
});

test('a damaged or foreign journal reads as none: the transfer starts afresh', async (t) => {
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-journal-'));
	t.teardown(async () => rm(folder, {recursive: true, force: true}));
	const journal = journalFile(folder, 'download', ['/jobs/out.zip'], downloadJournalSchema);
	await writeFile(journal.path, '{"version": 1, "kind": "dow');
	t.is(await journal.read(), undefined);
	await writeFile(journal.path, JSON.stringify({...note, version: 2}));
	t.is(await journal.read(), undefined);
});

test('different transfers get different journals', (t) => {
	const a = journalFile('/j', 'upload', ['bucket', 'a', '/data/a'], downloadJournalSchema);
	const b = journalFile('/j', 'upload', ['bucket', 'b', '/data/a'], downloadJournalSchema);
	t.not(a.path, b.path);
});
