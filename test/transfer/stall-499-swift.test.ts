import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {buffer} from 'node:stream/consumers';
import test from 'ava';
import {
	createHttpClient,
	createPreissuedTokenAuth,
	createSwiftStore,
} from '../../source/storage/swift/index.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import {swiftContainer, tempauthStore} from '../jobs/analyst/swift.js';
import {randomFile, sha256} from './fixtures.js';
import {stallingProxy} from './stalling-proxy.js';

// The probe's stall: an upload whose bytes stop on the way for longer than Swift's proxy waits
// (client_timeout, 60 s by default) is answered `499 Client Disconnect`. That answer is worth
// another try: the upload is sent again from the file and completes. Real Swift; about 65 s.
const signedIn = tempauthStore();
const scratch = await mkdtemp(join(tmpdir(), 'ivjm-stall-'));
test.after.always(async () => {
	await signedIn.store.close();
	await rm(scratch, {recursive: true, force: true});
});

test('an upload Swift answers 499 Client Disconnect after a stall is sent again and completes', async (t) => {
	t.timeout(180_000);
	const container = await swiftContainer(t, 'stall-499', signedIn);
	const session = await signedIn.auth.getSession();
	const swift = new URL(session.storageUrl);
	const proxy = await stallingProxy(
		{host: swift.hostname, port: Number(swift.port)},
		{afterBytes: 1024 ** 2, stallMs: 75_000},
	);
	t.teardown(async () => proxy.close());
	const storageUrl = new URL(session.storageUrl);
	storageUrl.port = String(proxy.port);
	// Answers may take longer than Swift's own wait: the 499, not the client, ends the stall.
	const http = createHttpClient({headersTimeoutMs: 120_000, bodyTimeoutMs: 120_000});
	const store = createSwiftStore({
		auth: createPreissuedTokenAuth({token: session.token, storageUrl: storageUrl.href}),
		http,
	});
	t.teardown(async () => {
		await store.close();
		await http.close();
	});
	const path = join(scratch, 'input.bin');
	const content = await randomFile(path, 6 * 1024 ** 2);
	const ref = {container, key: 'jobs/requester/1800400000-requester/input/input.bin'};
	const result = await uploadFile(store, ref, path, {journalFolder: join(scratch, 'journals')});
	t.regex(proxy.answers(), /HTTP\/1\.1 499/u, 'Swift gave up on the stalled upload');
	t.true(proxy.connections() >= 2, 'and it was sent again');
	t.is(result.sha256, sha256(content));
	const stored = await buffer((await signedIn.store.get(ref)).body);
	t.is(sha256(stored), sha256(await readFile(path)));
});
