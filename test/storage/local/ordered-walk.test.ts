import test from 'ava';
import fc from 'fast-check';
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {isDeepStrictEqual} from 'node:util';
import {
	encodeSegment,
	folderName,
	objectPath,
} from '../../../source/storage/local/encoded-names.js';
import {createLocalStore} from '../../../source/storage/local/local-store.js';
import {walkInKeyOrder, type WalkBounds} from '../../../source/storage/local/ordered-walk.js';
import type {IndexedObject} from '../../../source/storage/local/listing-index/journal-records.js';
import {walkObjects} from '../../../source/storage/local/listing-index/walked-objects.js';
import type {ListOptions} from '../../../source/storage/store.js';

const root = await mkdtemp(join(tmpdir(), 'ivjm-ordered-walk-'));
const store = createLocalStore({root});
let containers = 0;

test.after.always(async () => rm(root, {recursive: true, force: true}));

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A new container holding `keys` (each object's body is its key), and its folder. */
async function containerWith(keys: string[]) {
	const container = `walk-${++containers}`;
	await store.createContainer(container);
	for (const key of keys) await store.put({container, key}, key);
	return {container, folder: join(root, encodeSegment(container))};
}

async function walked(folder: string, bounds?: WalkBounds): Promise<string[]> {
	const keys: string[] = [];
	for await (const file of walkInKeyOrder(folder, bounds)) keys.push(file.key);
	return keys;
}

async function listed(container: string, options?: ListOptions): Promise<string[]> {
	const names: string[] = [];
	for await (const entry of store.list(container, options))
		names.push(entry.kind === 'object' ? entry.key : entry.prefix);
	return names;
}

/** What Swift lists: keys with the prefix after the marker in byte order, rolled up at the delimiter. */
function swiftListing(keys: string[], options: ListOptions): string[] {
	const {prefix = '', marker, delimiter} = options;
	const names: string[] = [];
	for (const key of [...new Set(keys)].sort(byBytes)) {
		if (!key.startsWith(prefix) || (marker && byBytes(key, marker) <= 0)) continue;
		const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
		const name = cut === -1 ? key : key.slice(0, cut + delimiter!.length);
		if (names.at(-1) !== name) names.push(name);
	}
	return names;
}

const trickyKeys = [
	'a',
	'a/b',
	'a-b',
	'a0',
	'a/b/c',
	'a//b',
	'a/',
	'ü/x',
	'u/x',
	'z',
	'%/100%',
	'#1',
	'why?',
	'ｱ',
	'🧬 genome',
];

test('keys come in the byte order of their UTF-8, as Swift lists them', async (t) => {
	const {container, folder} = await containerWith(trickyKeys);
	const expected = [...trickyKeys].sort(byBytes);
	t.deepEqual(await walked(folder), expected);
	t.deepEqual(await listed(container), expected);
	// UTF-16 order (JavaScript's default sort) differs: it puts the emoji before 'ｱ'.
	t.notDeepEqual([...trickyKeys].sort(), expected);
});

test('a prefix is a string prefix: jobs/u1 also lists jobs/u10/', async (t) => {
	const {container, folder} = await containerWith([
		'jobs/u1/1/task.json',
		'jobs/u10/2/task.json',
		'jobs/u1',
		'jobs/u2/3/task.json',
		'jobsx',
	]);
	const expected = ['jobs/u1', 'jobs/u1/1/task.json', 'jobs/u10/2/task.json'];
	t.deepEqual(await walked(folder, {prefix: 'jobs/u1'}), expected);
	t.deepEqual(await listed(container, {prefix: 'jobs/u1'}), expected);
	t.deepEqual(await walked(folder, {prefix: 'jobs/u1/'}), ['jobs/u1/1/task.json']);
	t.deepEqual(await walked(folder, {prefix: 'jobs/nobody/'}), []);
});

test('a marker inside a subtree resumes right after it, wherever it falls', async (t) => {
	const keys = ['a/1', 'a/2', 'b', 'b/1/x', 'b/1/y', 'b/2', 'c'];
	const {folder} = await containerWith(keys);
	const after = (marker: string) => walked(folder, {marker});
	t.deepEqual(await after('b/1/xa'), ['b/1/y', 'b/2', 'c'], 'between two keys of b/1/');
	t.deepEqual(await after('b/1/z'), ['b/2', 'c'], 'after every key of b/1/');
	t.deepEqual(await after('b/1/'), ['b/1/x', 'b/1/y', 'b/2', 'c'], 'the folder b/1/ itself');
	t.deepEqual(await after('b'), ['b/1/x', 'b/1/y', 'b/2', 'c'], 'an object that is also a folder');
	t.deepEqual(await after('a/3/deeper'), ['b', 'b/1/x', 'b/1/y', 'b/2', 'c'], 'a missing folder');
	t.deepEqual(await walked(folder, {prefix: 'b/', marker: 'a/1'}), ['b/1/x', 'b/1/y', 'b/2']);
	t.deepEqual(await walked(folder, {prefix: 'a/', marker: 'b'}), []);
});

test('files that are not objects, like temp files, are not listed', async (t) => {
	const {container, folder} = await containerWith(['jobs/u/1/task.json']);
	writeFileSync(join(folder, 'upload-in-progress'), 'partial');
	const jobFolder = join(folder, ...objectPath('jobs/u/1/task.json').slice(0, -1));
	writeFileSync(join(jobFolder, '.tmp-1234'), 'partial');
	mkdirSync(join(folder, 'not-a-key-folder'));
	writeFileSync(join(folder, 'not-a-key-folder', 'o~hidden'), 'partial');
	t.deepEqual(await walked(folder), ['jobs/u/1/task.json']);
	t.deepEqual(await listed(container), ['jobs/u/1/task.json']);
});

test('an object deleted during a walk is left out, not an error', async (t) => {
	const {folder} = await containerWith(['x/1', 'x/2', 'y/1', 'z']);
	const objects: IndexedObject[] = [];
	// The walk that rebuilds an index reads each file's trailer as it goes.
	for await (const object of walkObjects(folder)) {
		objects.push(object);
		// x/ has been read by now: x/2 is found in it, then missing when its trailer is read.
		if (objects.length === 1) {
			rmSync(join(folder, ...objectPath('x/2')));
			// y/ has not been read yet: it is gone when the walk gets there.
			rmSync(join(folder, folderName('y')), {recursive: true});
		}
	}
	t.deepEqual(
		objects.map((object) => object.key),
		['x/1', 'z'],
	);
	t.like(objects[1], {key: 'z', bytes: 1});
});

test('an object deleted through the store during a listing is no error', async (t) => {
	const {container} = await containerWith(['x/1', 'x/2', 'y/1', 'z']);
	const keys: string[] = [];
	for await (const entry of store.list(container)) {
		if (entry.kind === 'object') keys.push(entry.key);
		if (keys.length === 1) {
			await store.delete({container, key: 'x/2'});
			await store.delete({container, key: 'y/1'});
		}
	}
	// The listing was made before the deletes; the next one no longer has them.
	t.deepEqual(keys, ['x/1', 'x/2', 'y/1', 'z']);
	t.deepEqual(await listed(container), ['x/1', 'z']);
});

test('a folder is read when the walk reaches it, not before', async (t) => {
	const {container, folder} = await containerWith(['a/1', 'b/1']);
	const keys: string[] = [];
	for await (const file of walkInKeyOrder(folder)) {
		keys.push(file.key);
		if (keys.length === 1) await store.put({container, key: 'b/0'}, 'written during the walk');
	}
	t.deepEqual(keys, ['a/1', 'b/0', 'b/1']);
});

const segment = fc
	.array(fc.constantFrom('a', 'b', '-', '0', 'ü', '%', '#', '?', ' ', 'ｱ', '🧬'), {maxLength: 3})
	.map((chars) => chars.join(''));
const key = fc
	.array(segment, {minLength: 1, maxLength: 3})
	.map((segments) => segments.join('/'))
	.filter((key) => key.length > 0);

/** A prefix or marker: none, a stored key, a stored key cut anywhere, or any key. */
const bound = (keys: string[]) =>
	fc.oneof(
		fc.constant(undefined),
		fc.constantFrom(...keys),
		fc
			.tuple(fc.constantFrom(...keys), fc.nat())
			.map(([key, cut]) => key.slice(0, cut % (key.length + 1))),
		key,
	);

test('any listing equals the sorted, filtered set of keys', async (t) => {
	const cases = fc.uniqueArray(key, {minLength: 1, maxLength: 25}).chain((keys) =>
		fc.record({
			keys: fc.constant(keys),
			prefix: bound(keys),
			marker: bound(keys),
			delimiter: fc.constantFrom(undefined, '/', 'b'),
		}),
	);
	await fc.assert(
		fc.asyncProperty(cases, async ({keys, prefix, marker, delimiter}) => {
			const {container, folder} = await containerWith(keys);
			try {
				return (
					isDeepStrictEqual(
						await walked(folder, {prefix, marker}),
						swiftListing(keys, {prefix, marker}),
					) &&
					isDeepStrictEqual(
						await listed(container, {prefix, marker, delimiter}),
						swiftListing(keys, {prefix, marker, delimiter}),
					)
				);
			} finally {
				await rm(folder, {recursive: true});
			}
		}),
		{numRuns: 200},
	);
	t.pass();
});
