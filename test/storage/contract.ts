import {createHash} from 'node:crypto';
import {Readable} from 'node:stream';
import {text} from 'node:stream/consumers';
import type {ExecutionContext, TestFn} from 'ava';
import {BadRequest, Conflict, NotFound} from '../../source/storage/errors/index.js';
import type {ListEntry, ListOptions, ObjectStore} from '../../source/storage/store.js';

export type ContractFixture = {
	store: ObjectStore;
	/** An empty container for this one test. */
	container: string;
	/** Removes `container` and any container named `${container}-…` the test made. */
	cleanup(): Promise<void>;
};

export type MakeStore = () => Promise<ContractFixture>;

export type ContractOptions = {
	/**
	 * Run the 10,050-object listing (default). It seeds a container kept between runs in the
	 * store's account; a second account behind the same adapter may skip it.
	 */
	largeListing?: boolean;
};

/** A container kept between runs: seeding 10,050 objects into Swift takes about a minute. */
export const largeListingContainer = 'ivjm-contract-listing-10050';
const largeListingSize = 10_050;

const md5 = (data: string | Uint8Array) => createHash('md5').update(data).digest('hex');

async function listAll(
	store: ObjectStore,
	container: string,
	options?: ListOptions,
): Promise<ListEntry[]> {
	const entries: ListEntry[] = [];
	for await (const entry of store.list(container, options)) entries.push(entry);
	return entries;
}

const namesOf = (entries: ListEntry[]) =>
	entries.map((entry) => (entry.kind === 'object' ? entry.key : entry.prefix));

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await fn(items[next++] as T);
	};
	await Promise.all(Array.from({length: limit}, worker));
}

/** Aborts reject with the signal's reason, a DOMException that ava's throwsAsync refuses. */
async function rejectsWithAbort(t: ExecutionContext, promise: Promise<unknown>): Promise<void> {
	try {
		await promise;
		t.fail('expected the call to be aborted');
	} catch (error) {
		t.is((error as {name?: unknown}).name, 'AbortError', String(error));
	}
}

/**
 * The behaviour every ObjectStore adapter owes the rest of ivjm, as one ava suite. Each test gets a
 * fresh store and container from `makeStore` and cleans up after itself.
 */
export function runStoreContract(
	test: TestFn,
	name: string,
	makeStore: MakeStore,
	options: ContractOptions = {},
): void {
	const contract = (
		title: string,
		body: (t: ExecutionContext, fixture: ContractFixture) => Promise<void>,
	) => {
		test(`${name}: ${title}`, async (t) => {
			const fixture = await makeStore();
			try {
				await body(t, fixture);
			} finally {
				await fixture.cleanup();
			}
		});
	};

	const skipped = (title: string) => {
		test.skip(`${name}: ${title}`, () => undefined);
	};

	contract(
		'an object comes back with its bytes, content type and metadata',
		async (t, {store, container}) => {
			const ref = {container, key: 'jobs/jdoe/1664963696-jdoe/task.json'};
			const content = '{\n  "ID": "1664963696-jdoe"\n}';
			const put = await store.put(ref, content, {
				contentType: 'application/json',
				metadata: {Biobank: 'FIMM', note: 'grüße'},
			});
			t.is(put.etag, md5(content));

			const head = await store.head(ref);
			t.like(head, {
				key: ref.key,
				bytes: Buffer.byteLength(content),
				etag: md5(content),
				contentType: 'application/json',
				manifest: 'none',
			});
			t.deepEqual(head.metadata, {biobank: 'FIMM', note: 'grüße'});
			t.false(Number.isNaN(Date.parse(head.lastModified)));

			const got = await store.get(ref);
			t.is(await text(got.body), content);
			t.like(got.head, {bytes: head.bytes, etag: head.etag, contentType: 'application/json'});
		},
	);

	contract('a stream uploads with or without its length', async (t, {store, container}) => {
		const chunks = ['first line\n', 'second line\n', 'ü and 🧬\n'];
		const whole = chunks.join('');
		await store.put({container, key: 'sized'}, Readable.from(chunks.map((c) => Buffer.from(c))), {
			contentLength: Buffer.byteLength(whole),
		});
		await store.put({container, key: 'unsized'}, Readable.from(chunks.map((c) => Buffer.from(c))));
		await store.put({container, key: 'bytes'}, new TextEncoder().encode(whole));
		for (const key of ['sized', 'unsized', 'bytes']) {
			t.is(await text((await store.get({container, key})).body), whole, key);
			t.is((await store.head({container, key})).etag, md5(whole), key);
		}
	});

	contract('a listing by prefix holds only that prefix', async (t, {store, container}) => {
		const keys = [
			'jobs/jdoe/1-jdoe/task.json',
			'jobs/jdoe/1-jdoe/FIMM/status/submitted',
			'jobs/jdoe/2-jdoe/task.json',
			'jobs/jdoe2/3-jdoe2/task.json',
			'FIMM/requests/1-jdoe',
			'top',
		];
		await Promise.all(keys.map(async (key) => store.put({container, key}, key)));

		t.deepEqual(namesOf(await listAll(store, container, {prefix: 'jobs/jdoe/'})), [
			'jobs/jdoe/1-jdoe/FIMM/status/submitted',
			'jobs/jdoe/1-jdoe/task.json',
			'jobs/jdoe/2-jdoe/task.json',
		]);
		const all = await listAll(store, container);
		t.deepEqual(namesOf(all), [...keys].sort());
		const top = all.find((entry) => entry.kind === 'object' && entry.key === 'top');
		t.like(top, {kind: 'object', bytes: 3, hash: md5('top')});
		t.deepEqual(namesOf(await listAll(store, container, {marker: 'jobs/jdoe/2-jdoe/task.json'})), [
			'jobs/jdoe2/3-jdoe2/task.json',
			'top',
		]);
	});

	contract(
		'a listing with a delimiter rolls deeper keys into prefixes',
		async (t, {store, container}) => {
			const keys = [
				'a/1',
				'a/2/x',
				'b/1',
				'c',
				'jobs/u/1/task.json',
				'jobs/u/2/task.json',
				'jobs/u/x',
			];
			await Promise.all(keys.map(async (key) => store.put({container, key}, key)));

			const root = await listAll(store, container, {delimiter: '/'});
			t.deepEqual(root, [
				{kind: 'prefix', prefix: 'a/'},
				{kind: 'prefix', prefix: 'b/'},
				root[2] as ListEntry,
				{kind: 'prefix', prefix: 'jobs/'},
			]);
			t.like(root[2], {kind: 'object', key: 'c'});
			t.deepEqual(namesOf(await listAll(store, container, {prefix: 'jobs/u/', delimiter: '/'})), [
				'jobs/u/1/',
				'jobs/u/2/',
				'jobs/u/x',
			]);
			t.deepEqual(await listAll(store, container, {prefix: 'nothing/'}), []);
		},
	);

	(options.largeListing === false ? skipped : contract)(
		`a listing of ${largeListingSize.toLocaleString('en')} objects comes back whole`,
		async (t, {store}) => {
			t.timeout(10 * 60_000);
			const big = largeListingContainer;
			const expected = Array.from(
				{length: largeListingSize},
				(_, index) => `many/${String(index).padStart(5, '0')}`,
			);
			if (!(await store.containerExists(big))) await store.createContainer(big);
			// Reused between runs: only what is missing is written.
			const present = new Set(namesOf(await listAll(store, big, {prefix: 'many/'})));
			const missing = expected.filter((key) => !present.has(key));
			await inParallel(missing, 8, async (key) => {
				await store.put({container: big, key}, key, {contentType: 'text/plain'});
			});

			const listed = namesOf(await listAll(store, big, {prefix: 'many/'}));
			t.is(listed.length, largeListingSize);
			t.deepEqual(listed, expected);
			t.deepEqual(
				namesOf(await listAll(store, big, {prefix: 'many/', marker: 'many/09995'})),
				expected.slice(9996),
			);
		},
	);

	contract(
		'names with space, #, ?, %, ü and an emoji survive put, list, get and delete',
		async (t, {store, container}) => {
			const keys = [
				'jobs/a b/file name.txt',
				'results/#1 result.txt',
				'why?/what?.txt',
				'100%/done %41.txt',
				'jobs/jürgen/grüße.txt',
				'emoji/🧬 genome 😀.txt',
			];
			for (const key of keys) await store.put({container, key}, `content of ${key}`);
			t.deepEqual(
				namesOf(await listAll(store, container)),
				[...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
			);
			for (const key of keys) {
				t.is(await text((await store.get({container, key})).body), `content of ${key}`, key);
				t.is((await store.head({container, key})).key, key);
				await store.delete({container, key});
			}
			t.deepEqual(await listAll(store, container), []);
		},
	);

	contract(
		'reading a missing object rejects with NotFound and hands out no content',
		async (t, {store, container}) => {
			const ref = {container, key: 'jobs/nobody/missing.txt'};
			let body: Readable | undefined;
			const error = await t.throwsAsync(
				async () => {
					body = (await store.get(ref)).body;
				},
				{instanceOf: NotFound},
			);
			t.is(body, undefined);
			t.like(error, {container, key: ref.key});
			await t.throwsAsync(store.head(ref), {instanceOf: NotFound});
			await t.throwsAsync(store.get({container: `${container}-missing`, key: 'x'}), {
				instanceOf: NotFound,
			});
			await t.throwsAsync(listAll(store, `${container}-missing`), {instanceOf: NotFound});
			t.false(await store.containerExists(`${container}-missing`));
			t.true(await store.containerExists(container));
		},
	);

	contract(
		'a create-only write refuses a second writer and keeps the first content',
		async (t, {store, container}) => {
			const ref = {container, key: 'jobs/u/1-u/FIMM/status/processing'};
			await store.put(ref, 'analyst-a: 2026-01-01T10:00:00+02:00', {createOnly: true});
			const error = await t.throwsAsync(
				store.put(ref, 'analyst-b: 2026-01-01T10:00:01+02:00', {createOnly: true}),
				{instanceOf: Conflict},
			);
			t.like(error, {container, key: ref.key});
			t.is(await text((await store.get(ref)).body), 'analyst-a: 2026-01-01T10:00:00+02:00');
		},
	);

	contract(
		'racing create-only writers: losers get Conflict and every reader sees a winner',
		async (t, {store, container}) => {
			for (let round = 0; round < 5; round++) {
				const ref = {container, key: `claims/${round}`};
				const bodies = ['analyst-a', 'analyst-b'];
				const outcomes = await Promise.allSettled(
					bodies.map(async (body) => store.put(ref, body, {createOnly: true})),
				);
				const winners = bodies.filter((_, index) => outcomes[index]?.status === 'fulfilled');
				t.true(winners.length >= 1, `round ${round}: someone wins`);
				for (const outcome of outcomes) {
					if (outcome.status === 'rejected') t.true(outcome.reason instanceof Conflict);
				}
				// Swift checks If-None-Match before it writes, so truly simultaneous writers may both
				// be told they won; the last write stands. A claim must read back (jobs/ does).
				const stored = await text((await store.get(ref)).body);
				t.true(winners.includes(stored), `round ${round}: ${stored} is a winner's`);
				t.is(await text((await store.get(ref)).body), stored);
			}
		},
	);

	contract(
		'an upload whose source fails rejects and stores nothing',
		async (t, {store, container}) => {
			const ref = {container, key: 'input/broken.tar'};
			const source = new Readable({
				read() {
					this.push(Buffer.from('the beginning of a file'));
					this.destroy(new Error('disk read failed'));
				},
			});
			await t.throwsAsync(store.put(ref, source));
			await t.throwsAsync(store.head(ref), {instanceOf: NotFound});
		},
	);

	contract('a byte range reads only those bytes', async (t, {store, container}) => {
		const ref = {container, key: 'range.txt'};
		await store.put(ref, '0123456789');
		const middle = await store.get(ref, {range: {start: 2, end: 5}});
		t.is(await text(middle.body), '2345');
		t.is(middle.head.bytes, 10);
		t.is(await text((await store.get(ref, {range: {start: 7}})).body), '789');
	});

	contract(
		'a read that expects another ETag is a Conflict; the right one reads',
		async (t, {store, container}) => {
			const ref = {container, key: 'task.json'};
			const {etag} = await store.put(ref, 'version 1');
			await store.put(ref, 'version 2');
			const error = await t.throwsAsync(store.get(ref, {ifMatch: etag}), {instanceOf: Conflict});
			t.like(error, {container, key: ref.key});
			t.is(await text((await store.get(ref, {ifMatch: md5('version 2')})).body), 'version 2');
		},
	);

	contract(
		'an upload whose MD5 does not match is refused and not stored',
		async (t, {store, container}) => {
			const ref = {container, key: 'checked.bin'};
			await t.throwsAsync(store.put(ref, 'payload', {md5: md5('something else')}), {
				instanceOf: BadRequest,
			});
			await t.throwsAsync(store.head(ref), {instanceOf: NotFound});
			await store.put(ref, 'payload', {md5: md5('payload')});
			t.is((await store.head(ref)).etag, md5('payload'));
		},
	);

	contract(
		'deleting removes one object; a missing one is NotFound',
		async (t, {store, container}) => {
			const ref = {container, key: 'jobs/u/1-u/task.json'};
			await store.put(ref, 'x');
			await store.delete(ref);
			await t.throwsAsync(store.head(ref), {instanceOf: NotFound});
			const error = await t.throwsAsync(store.delete(ref), {instanceOf: NotFound});
			t.like(error, {container, key: ref.key});
		},
	);

	contract(
		'deleteMany deletes what exists and counts what is missing',
		async (t, {store, container}) => {
			const keys = ['jobs/u/1/a', 'jobs/u/1/b c', 'jobs/u/1/#d', 'jobs/u/1/ü', 'keep'];
			await Promise.all(keys.map(async (key) => store.put({container, key}, key)));
			const result = await store.deleteMany(container, [
				...keys.slice(0, 4),
				'jobs/u/1/missing',
				'jobs/u/1/missing too',
			]);
			t.deepEqual(result, {deleted: 4, notFound: 2, failed: []});
			t.deepEqual(namesOf(await listAll(store, container)), ['keep']);
			t.deepEqual(await store.deleteMany(container, []), {deleted: 0, notFound: 0, failed: []});
		},
	);

	contract('a manifest of three segments reads as one object', async (t, {store, container}) => {
		const parts = ['first part, ', 'second part ü, ', 'third part 🧬'];
		const segments = [];
		for (const [index, part] of parts.entries()) {
			const key = `big.tar/segments/${String(index).padStart(8, '0')}`;
			const {etag} = await store.put({container, key}, part);
			segments.push({container, key, etag, bytes: Buffer.byteLength(part)});
		}
		const ref = {container, key: 'big.tar'};
		await store.putManifest(ref, segments, {contentType: 'application/x-tar'});

		const head = await store.head(ref);
		t.like(head, {
			manifest: 'slo',
			bytes: Buffer.byteLength(parts.join('')),
			contentType: 'application/x-tar',
		});
		t.is(await text((await store.get(ref)).body), parts.join(''));
		const tail = await store.get(ref, {range: {start: Buffer.byteLength(parts[0] ?? '') + 7}});
		t.is(await text(tail.body), parts.join('').slice((parts[0] ?? '').length + 7));
	});

	contract('an aborted call rejects with the abort', async (t, {store, container}) => {
		const ref = {container, key: 'abort.txt'};
		await store.put(ref, 'x'.repeat(100_000));
		const aborted = AbortSignal.abort();
		await rejectsWithAbort(t, store.get(ref, {signal: aborted}));
		await rejectsWithAbort(t, store.head(ref, {signal: aborted}));
		await rejectsWithAbort(t, store.put(ref, 'y', {signal: aborted}));
		await rejectsWithAbort(t, listAll(store, container, {signal: aborted}));
		await rejectsWithAbort(t, store.delete(ref, {signal: aborted}));

		const controller = new AbortController();
		const {body} = await store.get(ref, {signal: controller.signal});
		controller.abort();
		await rejectsWithAbort(t, text(body));

		const upload = new AbortController();
		const endless = new Readable({read() {}});
		endless.push('a start, and then nothing more');
		const pending = store.put({container, key: 'never.txt'}, endless, {signal: upload.signal});
		setTimeout(() => upload.abort(), 100);
		await rejectsWithAbort(t, pending);
		await t.throwsAsync(store.head({container, key: 'never.txt'}), {instanceOf: NotFound});
		t.is(await text((await store.get(ref)).body), 'x'.repeat(100_000));
	});

	contract('a container is created once and then exists', async (t, {store, container}) => {
		const other = `${container}-made`;
		t.false(await store.containerExists(other));
		await store.createContainer(other);
		t.true(await store.containerExists(other));
		await store.createContainer(other);
		await store.put({container: other, key: 'x'}, 'x');
		await store.delete({container: other, key: 'x'});
	});
}
