import test from 'ava';
import {execFile} from 'node:child_process';
import {appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {encodeSegment, objectPath} from '../../../source/storage/local/encoded-names.js';
import {compactIndex} from '../../../source/storage/local/listing-index/compaction.js';
import {forgetIndex} from '../../../source/storage/local/listing-index/index-files.js';
import {appendRecord} from '../../../source/storage/local/listing-index/journal.js';
import type {IndexedObject} from '../../../source/storage/local/listing-index/journal-records.js';
import {walkObjects} from '../../../source/storage/local/listing-index/walked-objects.js';
import {createLocalStore} from '../../../source/storage/local/local-store.js';
import {encodeTrailer} from '../../../source/storage/local/object-file.js';
import type {ListEntry} from '../../../source/storage/store.js';

const run = promisify(execFile);
const root = await mkdtemp(join(tmpdir(), 'ivjm-listing-index-'));
const store = createLocalStore({root});
let containers = 0;

test.after.always(async () => rm(root, {recursive: true, force: true}));

async function newContainer() {
	const container = `index-${++containers}`;
	await store.createContainer(container);
	return {container, folder: join(root, encodeSegment(container))};
}

type Row = {key: string; bytes: number; hash: string; contentType: string; lastModified: string};

async function listed(container: string, prefix?: string): Promise<Row[]> {
	const rows: Row[] = [];
	for await (const entry of store.list(container, {prefix}) as AsyncIterable<ListEntry>) {
		if (entry.kind !== 'object') continue;
		const {key, bytes, hash, contentType, lastModified} = entry;
		rows.push({key, bytes, hash, contentType, lastModified});
	}
	return rows;
}

/** What the object files say, read one by one (the truth the index must agree with). */
async function onDisk(folder: string, prefix?: string): Promise<Row[]> {
	const rows: Row[] = [];
	for await (const object of walkObjects(folder, {prefix})) rows.push(rowOf(object));
	return rows;
}

const rowOf = ({key, bytes, hash, contentType, lastModified}: IndexedObject): Row => ({
	key,
	bytes,
	hash,
	contentType,
	lastModified,
});

const indexFiles = (folder: string) =>
	readdirSync(folder)
		.filter((name) => name.startsWith('index~'))
		.sort();

function liveJournalPath(folder: string): string {
	const name = indexFiles(folder).find((file) => /^index~journal-\d+$/u.test(file));
	if (!name) throw new Error('no live journal');
	return join(folder, name);
}

/** Writes an object file as a program that knows nothing of the index would (an older ivjm). */
function writeBehindTheIndex(folder: string, key: string, body: string): void {
	const path = join(folder, ...objectPath(key));
	mkdirSync(join(path, '..'), {recursive: true});
	const trailer = encodeTrailer({
		contentType: 'text/plain',
		etag: 'e'.repeat(32),
		metadata: {},
		manifest: 'none',
	});
	writeFileSync(path, Buffer.concat([Buffer.from(body), trailer]));
}

test('a listing comes from the index, kept in step by puts and deletes', async (t) => {
	const {container, folder} = await newContainer();
	await store.put({container, key: 'a/1'}, 'one', {contentType: 'text/plain'});
	await store.put({container, key: 'b'}, 'two');
	t.deepEqual(await listed(container), await onDisk(folder));
	t.true(
		indexFiles(folder).some((name) => name.startsWith('index~snapshot-')),
		indexFiles(folder).join(),
	);
	await store.put({container, key: 'a/1'}, 'one, replaced', {contentType: 'text/markdown'});
	await store.put({container, key: 'a/0'}, 'zero');
	await store.delete({container, key: 'b'});
	t.deepEqual(
		(await listed(container)).map((row) => [row.key, row.bytes, row.contentType]),
		[
			['a/0', 4, 'application/octet-stream'],
			['a/1', 13, 'text/markdown'],
		],
	);
	t.deepEqual(await listed(container), await onDisk(folder));
	// What the listing says of an object is what its head says.
	const head = await store.head({container, key: 'a/1'});
	t.like((await listed(container, 'a/1'))[0], {hash: head.etag, lastModified: head.lastModified});
});

test('a store written before the index existed is listed whole, and indexed on the way', async (t) => {
	const {container, folder} = await newContainer();
	writeBehindTheIndex(folder, 'jobs/u/1/task.json', '{}');
	writeBehindTheIndex(folder, 'jobs/u/2/task.json', '{"a": 1}');
	t.deepEqual(indexFiles(folder), []);
	t.deepEqual(
		(await listed(container)).map((row) => row.key),
		['jobs/u/1/task.json', 'jobs/u/2/task.json'],
	);
	t.deepEqual(indexFiles(folder), ['index~snapshot-0']);
	// From here on the store's own writes keep it in step.
	await store.delete({container, key: 'jobs/u/1/task.json'});
	t.deepEqual(
		(await listed(container)).map((row) => row.key),
		['jobs/u/2/task.json'],
	);
});

test('an index that cannot be read is rebuilt; one that is removed too', async (t) => {
	const {container, folder} = await newContainer();
	await store.put({container, key: 'x'}, 'x');
	await listed(container);
	const snapshotName = indexFiles(folder).find((name) => name.startsWith('index~snapshot-'))!;
	writeFileSync(join(folder, snapshotName), 'not an index at all');
	t.deepEqual(
		(await listed(container)).map((row) => row.key),
		['x'],
	);
	const rebuilt = indexFiles(folder).filter((name) => name.startsWith('index~snapshot-'));
	t.is(rebuilt.length, 1);
	t.not(rebuilt[0], snapshotName);
	// Files written behind the store's back are listed once the index is removed.
	writeBehindTheIndex(folder, 'y', 'y');
	await forgetIndex(folder);
	t.deepEqual(
		(await listed(container)).map((row) => row.key),
		['x', 'y'],
	);
});

test('a snapshot damaged inside its lines: the listing goes on from the files, the next rebuilds it', async (t) => {
	const {container, folder} = await newContainer();
	for (const key of ['a', 'b', 'c', 'd']) await store.put({container, key}, key);
	await listed(container);
	const name = indexFiles(folder).find((file) => file.startsWith('index~snapshot-'))!;
	const bytes = readFileSync(join(folder, name));
	// The third line loses its tabs; the footer still reads.
	const third = bytes.indexOf('c\t');
	bytes.fill('x'.charCodeAt(0), third, bytes.indexOf('\n', third));
	writeFileSync(join(folder, name), bytes);
	t.deepEqual(await listed(container), await onDisk(folder));
	t.false(indexFiles(folder).includes(name));
	t.deepEqual(await listed(container), await onDisk(folder));
	t.true(indexFiles(folder).some((file) => file.startsWith('index~snapshot-')));
});

test('a write that crashed after its rename, before its done, is listed as its file says', async (t) => {
	const {container, folder} = await newContainer();
	await store.put({container, key: 'k'}, 'first');
	await listed(container);
	await store.put({container, key: 'k'}, 'second, longer');
	// Take the done off the journal: the rename happened, the record of it did not.
	const journal = liveJournalPath(folder);
	const lines = readFileSync(journal, 'utf8').trimEnd().split('\n');
	t.regex(lines.at(-1)!, /^\["c",/u);
	writeFileSync(journal, lines.slice(0, -1).join('\n') + '\n');
	t.like((await listed(container))[0], {key: 'k', bytes: 'second, longer'.length});
	t.deepEqual(await listed(container), await onDisk(folder));
});

test('a write that crashed before its rename leaves the object as it was', async (t) => {
	const {container, folder} = await newContainer();
	await store.put({container, key: 'k'}, 'kept');
	await listed(container);
	appendRecord(folder, {
		kind: 'put',
		id: 'crashed',
		object: {
			kind: 'object',
			key: 'k',
			bytes: 999,
			hash: 'f'.repeat(32),
			contentType: 'text/never',
			lastModified: '2001-01-01T00:00:00.000Z',
		},
	});
	appendRecord(folder, {kind: 'delete', id: 'crashed-too', key: 'k'});
	t.like((await listed(container))[0], {key: 'k', bytes: 4});
	t.deepEqual(await listed(container), await onDisk(folder));
});

test('a torn journal line costs only the records it swallowed', async (t) => {
	const {container, folder} = await newContainer();
	await store.put({container, key: 'a'}, 'a');
	await listed(container);
	await store.put({container, key: 'c'}, 'c');
	// A crash in the middle of an append: the next process's intent lands on the same line.
	appendFileSync(liveJournalPath(folder), '["p","torn","a",12');
	await store.put({container, key: 'b'}, 'bb');
	await store.delete({container, key: 'a'});
	t.deepEqual(
		(await listed(container)).map((row) => [row.key, row.bytes]),
		[
			['b', 2],
			['c', 1],
		],
	);
	t.deepEqual(await listed(container), await onDisk(folder));
});

test('a long journal is folded into a new snapshot, and the listing is unchanged', async (t) => {
	const {container, folder} = await newContainer();
	await listed(container);
	const before = indexFiles(folder);
	for (let index = 0; index < 2000; index++)
		await store.put({container, key: `many/${String(index).padStart(4, '0')}`}, `${index}`);
	const journalBytes = readFileSync(liveJournalPath(folder)).length;
	t.true(journalBytes > 256 * 1024, `${journalBytes} bytes of journal`);
	const rows = await listed(container);
	t.is(rows.length, 2000);
	t.deepEqual(rows, await onDisk(folder));
	const after = indexFiles(folder);
	t.notDeepEqual(after, before);
	t.true(
		after.every((name) => !name.endsWith('.sealed')),
		after.join(),
	);
	// A listing of one block's worth reads the same as the whole listing's slice.
	t.deepEqual(
		await listed(container, 'many/07'),
		rows.filter((row) => row.key.startsWith('many/07')),
	);
});

test('a store whose index cannot be written is listed from its files', async (t) => {
	const {container, folder} = await newContainer();
	writeBehindTheIndex(folder, 'only', 'o');
	// A folder where the snapshot would go: as on a read-only store, no index can be made.
	mkdirSync(join(folder, 'index~snapshot-0'));
	t.deepEqual(
		(await listed(container)).map((row) => row.key),
		['only'],
	);
});

test('two processes writing the same keys while a third lists and compacts: the index ends as the files are', async (t) => {
	t.timeout(5 * 60_000);
	const {container, folder} = await newContainer();
	await store.put({container, key: 'shared/0/0'}, 'start');
	const writer = (name: string) =>
		run(
			process.execPath,
			[
				'--import=tsx',
				join(import.meta.dirname, 'concurrent-writer.ts'),
				root,
				container,
				name,
				'300',
			],
			{
				cwd: process.cwd(),
			},
		);
	const writers = Promise.all([writer('left'), writer('right')]);
	let finished = false;
	void writers.finally(() => (finished = true));
	let listings = 0;
	let compactions = 0;
	while (!finished) {
		const rows = await listed(container);
		listings++;
		// Whatever moment it caught, a listing holds only objects that were written.
		for (const row of rows)
			t.true(/^text\/(left|right)$|^application\/octet-stream$/u.test(row.contentType), row.key);
		if (listings % 3 === 0 && (await compactIndex(folder, false))) compactions++;
	}
	await writers;
	t.log(`${listings} listings and ${compactions} compactions during the writes`);
	t.true(listings > 1);
	const rows = await listed(container);
	t.is(rows.filter((row) => row.key.startsWith('own/')).length, 600);
	t.deepEqual(rows, await onDisk(folder));
	// A compaction now (every write is done) still agrees.
	t.true(await compactIndex(folder, false));
	t.deepEqual(await listed(container), await onDisk(folder));
});
