import {execFile} from 'node:child_process';
import {readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {segmentsContainer} from '../../source/protocol/keys.js';
import {
	createHttpClient,
	createPreissuedTokenAuth,
	createSwiftStore,
	createTempAuth,
	type SwiftStore,
} from '../../source/storage/swift/index.js';
import {downloadObject} from '../../source/transfer/download-object.js';
import {TransferFailed} from '../../source/transfer/errors/index.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import {
	expireTempAuthToken,
	removeContainer,
	testServers,
	uniqueContainer,
} from '../helpers/servers.js';
import {cuttingProxy} from '../transfer/cutting-proxy.js';
import {
	filesUnder,
	keysIn,
	randomFile,
	recordingStore,
	sandbox,
	sha256,
} from '../transfer/fixtures.js';

const servers = testServers();
const run = promisify(execFile);
const mebibyte = 1024 * 1024;
const auth = createTempAuth({
	authUrl: servers.tempauthUrl,
	user: servers.tempauthUser,
	key: servers.tempauthKey,
});
const store = createSwiftStore({auth});

test.after.always(async () => store.close());

/** The consortium's Python client, `/usr/bin/swift`, with tempauth settings on the command line. */
async function swiftCli(folder: string, ...args: string[]): Promise<string> {
	const environment = Object.fromEntries(
		Object.entries(process.env).filter(
			([name]) => !name.startsWith('OS_') && !name.startsWith('ST_'),
		),
	);
	const auth = ['-A', servers.tempauthUrl, '-U', servers.tempauthUser, '-K', servers.tempauthKey];
	const {stdout} = await run('/usr/bin/swift', [...auth, ...args], {cwd: folder, env: environment});
	return stdout;
}

/** A bucket for one test, removed with its segments afterwards. */
async function bucket(t: {teardown(fn: () => Promise<void>): void}, label: string) {
	const container = uniqueContainer(label);
	await store.createContainer(container);
	await store.createContainer(segmentsContainer(container));
	t.teardown(async () => {
		const session = await auth.getSession();
		await removeContainer(store, session, container);
		await removeContainer(store, session, segmentsContainer(container));
	});
	return container;
}

/**
 * Lets `user` read and write the bucket and its segments through container ACLs. The token-expiry
 * test signs in as test:tester3, whom no other test uses: expiring a tempauth token kills it for
 * every process signed in as that user.
 */
async function share(container: string, user: string): Promise<void> {
	const session = await auth.getSession();
	for (const name of [container, segmentsContainer(container)]) {
		const response = await fetch(`${session.storageUrl}/${encodeURIComponent(name)}`, {
			method: 'POST',
			headers: {'x-auth-token': session.token, 'x-container-read': user, 'x-container-write': user},
		});
		await response.arrayBuffer();
		if (response.status !== 204) throw new Error(`ACL on ${name}: HTTP ${response.status}`);
	}
}

/** A store that reaches Swift through `port` (a cutting proxy) with our current token. */
async function storeThrough(port: number): Promise<SwiftStore> {
	const session = await auth.getSession();
	const storageUrl = new URL(session.storageUrl);
	storageUrl.host = `127.0.0.1:${port}`;
	return createSwiftStore({
		auth: createPreissuedTokenAuth({token: session.token, storageUrl: storageUrl.href}),
		// Our own retries are under test: the HTTP layer does not add its own.
		http: createHttpClient({retry: {retries: 0}}),
	});
}

function swiftPort(): {host: string; port: number} {
	const url = new URL(servers.tempauthUrl);
	return {host: url.hostname, port: Number(url.port)};
}

test('python-swiftclient downloads our segmented upload as one byte-identical file', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const container = await bucket(t, 'transfer-slo');
	const content = await randomFile(join(box.root, 'input.tar'), 30 * mebibyte);
	const ref = {container, key: 'jobs/jdoe/1664963696-jdoe/input/input.tar'};

	const result = await uploadFile(store, ref, join(box.root, 'input.tar'), {
		segmentThreshold: 8 * mebibyte,
		segmentSize: 8 * mebibyte,
		journalFolder: box.journalFolder,
	});

	t.true(result.segmented);
	const segments = await keysIn(store, segmentsContainer(container));
	t.is(segments.length, 4);
	for (const key of segments) {
		t.regex(
			key,
			/^jobs\/jdoe\/1664963696-jdoe\/input\/input\.tar\/slo\/\d+\.\d{6}\/31457280\/8388608\/\d{8}$/,
		);
	}
	const head = await store.head(ref);
	t.is(head.manifest, 'slo');
	t.is(head.metadata['ivjm-sha256'], sha256(content));

	await swiftCli(box.root, 'download', container, ref.key, '-o', 'by-python.tar');
	t.is(sha256(await readFile(join(box.root, 'by-python.tar'))), sha256(content));

	const ours = await downloadObject(store, ref, box.downloads, 'input.tar', {
		journalFolder: box.journalFolder,
	});
	t.is(ours.verifiedBy, 'sha256');
	t.is(ours.sha256, sha256(content));
});

test('a dynamic large object uploaded by python-swiftclient is downloaded whole', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const container = await bucket(t, 'transfer-dlo');
	const content = await randomFile(join(box.root, 'container.sif'), 12_000_000);
	await swiftCli(box.root, 'upload', '-S', '5000000', container, 'container.sif');
	const ref = {container, key: 'container.sif'};
	t.is((await store.head(ref)).manifest, 'dlo');

	const unverified = await downloadObject(store, ref, box.downloads, 'as-is.sif', {
		journalFolder: box.journalFolder,
	});
	t.is(unverified.verifiedBy, 'none', 'a DLO has no content checksum to check against');
	t.is(unverified.sha256, sha256(content));

	const verified = await downloadObject(store, ref, box.downloads, 'checked.sif', {
		expectedSha256: sha256(content),
		journalFolder: box.journalFolder,
	});
	t.is(verified.verifiedBy, 'sha256');
	t.is(sha256(await readFile(verified.path)), sha256(content));
});

test('a token that expires in the middle of an upload and a download is renewed and both finish', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const container = await bucket(t, 'transfer-expiry');
	const user = 'test:tester3';
	await share(container, user);
	const ownAuth = createTempAuth({authUrl: servers.tempauthUrl, user, key: 'testing3'});
	const ownStore = createSwiftStore({auth: ownAuth});
	t.teardown(async () => ownStore.close());
	const content = await randomFile(join(box.root, 'data.bin'), 12 * mebibyte);
	const ref = {container, key: 'data.bin'};
	const tokenBefore = (await ownAuth.getSession()).token;
	let expired = 0;
	const expire = async () => {
		expired++;
		await expireTempAuthToken(servers, user, (await ownAuth.getSession()).token);
	};
	const recording = recordingStore(ownStore, {
		async put(call, next) {
			if (call.ref.key.endsWith('/00000003') && expired === 0) await expire();
			return next();
		},
		async get(_call, next) {
			if (expired === 1) await expire();
			return next();
		},
	});

	const uploaded = await uploadFile(recording.store, ref, join(box.root, 'data.bin'), {
		segmentThreshold: 2 * mebibyte,
		segmentSize: 2 * mebibyte,
		parallel: 2,
		journalFolder: box.journalFolder,
	});
	t.is(uploaded.sha256, sha256(content));
	t.is(
		recording.puts.filter((put) => put.ref.key.endsWith('/00000003')).length,
		2,
		'the refused segment was sent again from a fresh stream',
	);
	const tokenBetween = (await ownAuth.getSession()).token;
	t.not(tokenBetween, tokenBefore);

	const downloaded = await downloadObject(recording.store, ref, box.downloads, 'data.bin', {
		journalFolder: box.journalFolder,
	});
	t.is(expired, 2);
	t.not((await ownAuth.getSession()).token, tokenBetween);
	t.is(downloaded.verifiedBy, 'sha256');
	t.is(sha256(await readFile(downloaded.path)), sha256(content));
});

test('an upload cut off by the network resumes on a healthy path without sending stored segments again', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const container = await bucket(t, 'transfer-cut-upload');
	const content = await randomFile(join(box.root, 'data.bin'), 24 * mebibyte);
	const ref = {container, key: 'data.bin'};
	const options = {
		segmentThreshold: 2 * mebibyte,
		segmentSize: 2 * mebibyte,
		parallel: 2,
		journalFolder: box.journalFolder,
		retry: {attempts: 2, baseDelayMs: 10},
	};
	const proxy = await cuttingProxy(swiftPort(), {direction: 'up', bytes: 9 * mebibyte});
	const cutStore = await storeThrough(proxy.port);
	t.teardown(async () => {
		await cutStore.close();
		await proxy.close();
	});

	const error = await t.throwsAsync(
		uploadFile(cutStore, ref, join(box.root, 'data.bin'), options),
		{
			instanceOf: TransferFailed,
		},
	);
	t.true(proxy.broken());
	t.regex(error.message, /segments already stored are kept: run the upload again to continue/);
	const [journalName] = await filesUnder(box.journalFolder);
	const journal = JSON.parse(
		await readFile(join(box.journalFolder, journalName ?? ''), 'utf8'),
	) as {
		stored: Array<{index: number}>;
	};
	const storedFirst = journal.stored.length;
	t.true(storedFirst >= 2 && storedFirst < 12, `${storedFirst} segments stored before the cut`);

	const healthy = recordingStore(store);
	const result = await uploadFile(healthy.store, ref, join(box.root, 'data.bin'), options);

	t.is(healthy.puts.length, 12 - storedFirst);
	const resent = new Set(healthy.puts.map((put) => Number(put.ref.key.slice(-8))));
	for (const {index} of journal.stored)
		t.false(resent.has(index), `segment ${index} was sent again`);
	t.is(result.resumedBytes, storedFirst * 2 * mebibyte);
	t.is(result.sha256, sha256(content));
	t.deepEqual(await filesUnder(box.journalFolder), []);

	const downloaded = await downloadObject(store, ref, box.downloads, 'data.bin', {
		journalFolder: box.journalFolder,
	});
	t.is(downloaded.sha256, sha256(content));
});

test('a download cut off by the network continues on a healthy path from its .part', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const container = await bucket(t, 'transfer-cut-download');
	const content = await randomFile(join(box.root, 'results.zip'), 20 * mebibyte);
	const ref = {container, key: 'jobs/jdoe/1664963696-jdoe/HUS/results/results.zip'};
	await uploadFile(store, ref, join(box.root, 'results.zip'), {
		segmentThreshold: 4 * mebibyte,
		segmentSize: 4 * mebibyte,
		journalFolder: box.journalFolder,
	});
	const proxy = await cuttingProxy(swiftPort(), {direction: 'down', bytes: 7 * mebibyte});
	const cutStore = await storeThrough(proxy.port);
	t.teardown(async () => {
		await cutStore.close();
		await proxy.close();
	});
	const options = {journalFolder: box.journalFolder, retry: {attempts: 2, baseDelayMs: 10}};

	await t.throwsAsync(downloadObject(cutStore, ref, box.downloads, 'results.zip', options), {
		instanceOf: TransferFailed,
		message: /kept in .*results\.zip\.part: download again to continue/,
	});
	t.true(proxy.broken());
	t.deepEqual(await filesUnder(box.downloads), ['results.zip.part']);
	const kept = (await stat(join(box.downloads, 'results.zip.part'))).size;
	t.true(kept > 4 * mebibyte && kept <= 7 * mebibyte, `${kept} bytes kept`);

	const healthy = recordingStore(store);
	const result = await downloadObject(healthy.store, ref, box.downloads, 'results.zip', options);

	t.is(healthy.gets.length, 1);
	t.deepEqual(healthy.gets[0]?.options.range, {start: kept});
	t.is(result.resumedBytes, kept);
	t.is(result.verifiedBy, 'sha256');
	t.is(result.sha256, sha256(content));
	t.deepEqual(await filesUnder(box.downloads), ['results.zip']);
});

test('replacing what python-swiftclient uploaded (DLO, then SLO) leaves none of its segments in the quota', async (t) => {
	const box = await sandbox();
	t.teardown(box.cleanup);
	const container = await bucket(t, 'transfer-replace');
	const ref = {container, key: 'container.sif'};
	const segmentNames = async () => {
		const names: string[] = [];
		for await (const entry of store.list(segmentsContainer(container), {prefix: 'container.sif/'}))
			if (entry.kind === 'object') names.push(entry.key);
		return names;
	};
	await randomFile(join(box.root, 'container.sif'), 12_000_000);
	for (const layout of [[], ['--use-slo']]) {
		await swiftCli(box.root, 'upload', '-S', '5000000', ...layout, container, 'container.sif');
		t.is((await segmentNames()).length, 3);
		const replacement = await randomFile(join(box.root, 'replacement.sif'), 7_000_000);
		const result = await uploadFile(store, ref, join(box.root, 'replacement.sif'), {
			segmentThreshold: 4_000_000,
			segmentSize: 4_000_000,
			journalFolder: box.journalFolder,
		});
		t.is(result.staleSegmentsRemoved, 3, `the python-swiftclient ${layout[0] ?? 'DLO'} segments`);
		const left = await segmentNames();
		t.is(left.length, 2);
		t.true(left.every((key) => key.startsWith(result.segmentPrefix ?? '?')));
		const copy = await downloadObject(store, ref, box.downloads, `copy-${layout.length}.sif`, {
			journalFolder: box.journalFolder,
		});
		t.is(sha256(await readFile(copy.path)), sha256(replacement));
	}
});
