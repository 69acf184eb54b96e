import test from 'ava';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import {runStoreContract} from './contract.js';

const root = await mkdtemp(join(tmpdir(), 'ivjm-local-store-'));
const store = createLocalStore({root});
let containers = 0;

test.after.always(async () => rm(root, {recursive: true, force: true}));

runStoreContract(test, 'local store', async () => {
	const container = `contract-${++containers}`;
	await store.createContainer(container);
	return {
		store,
		container,
		async cleanup() {
			for (const name of await readdir(root)) {
				if (name === container || name.startsWith(`${container}-`))
					await rm(join(root, name), {recursive: true});
			}
		},
	};
});

test('a failed upload leaves neither the object nor a temp file behind', async (t) => {
	const ownRoot = join(root, 'own-root');
	const store = createLocalStore({root: ownRoot});
	await store.createContainer('broken-upload');
	const failing = new Readable({
		read() {
			this.push(Buffer.alloc(1024, 1));
			this.destroy(new Error('connection dropped'));
		},
	});
	await t.throwsAsync(store.put({container: 'broken-upload', key: 'half.bin'}, failing), {
		message: 'connection dropped',
	});
	t.deepEqual(await readdir(join(ownRoot, 'broken-upload')), []);
	t.deepEqual(await readdir(join(ownRoot, '.tmp')), []);
});

test('an upload whose MD5 does not match is refused and not stored', async (t) => {
	await store.createContainer('md5-check');
	const error = await t.throwsAsync(
		store.put({container: 'md5-check', key: 'x'}, 'data', {md5: '0'.repeat(32)}),
	);
	t.is((error as {status?: number}).status, 422);
	t.deepEqual(await readdir(join(root, 'md5-check')), []);
});

test('an object and a folder of the same name coexist, as in Swift', async (t) => {
	await store.createContainer('same-name');
	await store.put({container: 'same-name', key: 'a/b'}, 'object');
	await store.put({container: 'same-name', key: 'a/b/c'}, 'below it');
	const keys: string[] = [];
	for await (const entry of store.list('same-name'))
		if (entry.kind === 'object') keys.push(entry.key);
	t.deepEqual(keys, ['a/b', 'a/b/c']);
});
