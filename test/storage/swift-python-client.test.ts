import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {text} from 'node:stream/consumers';
import {promisify} from 'node:util';
import test from 'ava';
import {createSwiftStore, createTempAuth} from '../../source/storage/swift/index.js';
import {removeContainer, testServers, uniqueContainer} from '../helpers/servers.js';

// The consortium's Python tools use python-swiftclient: what we write, it must read, and back.
const servers = testServers();
const run = promisify(execFile);
const auth = createTempAuth({
	authUrl: servers.tempauthUrl,
	user: servers.tempauthUser,
	key: servers.tempauthKey,
});
const store = createSwiftStore({auth});

async function swiftCli(folder: string, ...args: string[]): Promise<string> {
	// Debian's swift CLI runs on /usr/bin/python3; v1 settings only (ST_*), no OS_* from the caller.
	const environment = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('OS_')),
	);
	const {stdout} = await run('/usr/bin/swift', args, {
		cwd: folder,
		env: {
			...environment,
			ST_AUTH: servers.tempauthUrl,
			ST_USER: servers.tempauthUser,
			ST_KEY: servers.tempauthKey,
		},
	});
	return stdout;
}

test.after.always(async () => store.close());

test('python-swiftclient downloads our static large object as one file', async (t) => {
	const container = uniqueContainer('python-slo');
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-python-'));
	try {
		await store.createContainer(container);
		const parts = ['first segment ', 'second ü segment ', 'third 🧬 segment'];
		const segments = [];
		for (const [index, part] of parts.entries()) {
			const key = `input data.tar/slo/${String(index).padStart(8, '0')}`;
			const {etag} = await store.put({container, key}, part);
			segments.push({container, key, etag, bytes: Buffer.byteLength(part)});
		}
		await store.putManifest({container, key: 'input data.tar'}, segments);

		await swiftCli(folder, 'download', container, 'input data.tar', '-o', 'downloaded.tar');
		t.is(await readFile(join(folder, 'downloaded.tar'), 'utf8'), parts.join(''));
	} finally {
		await rm(folder, {recursive: true, force: true});
		await removeContainer(store, await auth.getSession(), container);
	}
});

test('we read a dynamic large object uploaded by python-swiftclient whole', async (t) => {
	const container = uniqueContainer('python-dlo');
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-python-'));
	try {
		await store.createContainer(container);
		const content = Buffer.from('0123456789'.repeat(300));
		await writeFile(join(folder, 'container.sif'), content);
		await swiftCli(folder, 'upload', '--segment-size', '1000', container, 'container.sif');

		const head = await store.head({container, key: 'container.sif'});
		t.is(head.manifest, 'dlo');
		t.is(head.bytes, content.length);
		const {body} = await store.get({container, key: 'container.sif'});
		const downloaded = Buffer.from(await text(body));
		t.is(
			createHash('md5').update(downloaded).digest('hex'),
			createHash('md5').update(content).digest('hex'),
		);
	} finally {
		await rm(folder, {recursive: true, force: true});
		await removeContainer(store, await auth.getSession(), container);
		await removeContainer(store, await auth.getSession(), `${container}_segments`);
	}
});
