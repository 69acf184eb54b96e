import test from 'ava';
import fc from 'fast-check';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {isDeepStrictEqual} from 'node:util';
import type {IndexedObject} from '../../../source/storage/local/listing-index/journal-records.js';
import {
	readSnapshotRange,
	writeSnapshot,
} from '../../../source/storage/local/listing-index/snapshot-file.js';

const folder = await mkdtemp(join(tmpdir(), 'ivjm-snapshot-'));
test.after.always(async () => rm(folder, {recursive: true, force: true}));

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

// Characters whose UTF-16 order differs from their UTF-8 order (U+FF71 against an emoji), the
// snapshot's separators, and the escape character itself.
const key = fc
	.array(fc.constantFrom('a', 'b', '/', '%', '\t', '\n', 'ü', 'ｱ', '🧬', ' '), {
		minLength: 1,
		maxLength: 4,
	})
	.map((chars) => chars.join(''));

const objectOf = (key: string, index: number): IndexedObject => ({
	kind: 'object',
	key,
	bytes: index,
	hash: index.toString(16).padStart(32, '0'),
	contentType: index % 3 === 0 ? 'text/plain; charset=utf-8' : 'application/x\ttab',
	lastModified: new Date(1_700_000_000_000 + index * 1001).toISOString(),
});

test('a snapshot read within any bounds gives the objects in them, whatever its block size', async (t) => {
	let file = 0;
	const cases = fc.uniqueArray(key, {maxLength: 30}).chain((keys) =>
		fc.record({
			keys: fc.constant(keys),
			linesPerBlock: fc.integer({min: 1, max: 5}),
			prefix: fc.option(fc.oneof(key, fc.constantFrom(...keys, '')), {nil: undefined}),
			marker: fc.option(fc.oneof(key, fc.constantFrom(...keys, '')), {nil: undefined}),
		}),
	);
	await fc.assert(
		fc.asyncProperty(cases, async ({keys, linesPerBlock, prefix, marker}) => {
			const objects = [...keys].sort(byBytes).map(objectOf);
			const path = join(folder, `snapshot-${++file}`);
			await writeSnapshot(folder, path, objects, linesPerBlock);
			const expected = objects.filter(
				(object) =>
					object.key.startsWith(prefix ?? '') &&
					(marker === undefined || byBytes(object.key, marker) > 0),
			);
			return isDeepStrictEqual([...readSnapshotRange(path, {prefix, marker}).objects], expected);
		}),
		{numRuns: 300},
	);
	t.pass();
});

test.serial(
	'the snapshot file is closed when its range is read to the end, stopped early, or closed unread',
	async (t) => {
		const path = join(folder, 'snapshot-closing');
		const objects = ['a/1', 'a/2', 'b/1', 'b/2', 'c/1'].map(objectOf);
		await writeSnapshot(folder, path, objects, 2);
		const openFiles = async () => (await readdir('/proc/self/fd')).length;
		const before = await openFiles();
		const whole = readSnapshotRange(path, {prefix: 'b/'});
		t.is(await openFiles(), before + 1);
		t.deepEqual(
			[...whole.objects].map((object) => object.key),
			['b/1', 'b/2'],
		);
		t.is(await openFiles(), before);
		const stopped = readSnapshotRange(path, {});
		for (const object of stopped.objects) if (object.key === 'a/2') break;
		t.is(await openFiles(), before);
		readSnapshotRange(path, {}).close();
		t.is(await openFiles(), before);
	},
);
