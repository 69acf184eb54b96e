import {spawn} from 'node:child_process';
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {buffer} from 'node:stream/consumers';
import test from 'ava';
import {repository} from '../../helpers/run-cli.js';
import {cuttingProxy} from '../../transfer/cutting-proxy.js';
import {randomFile, sha256} from '../../transfer/fixtures.js';
import {swiftContainer, tempauthStore} from '../analyst/swift.js';

// The probe's kill -9 in the middle of a `submit` of a 280 MiB input, on the real Swift through
// a proxy that counts the bytes: the rerun of the same command carries on the same job and sends
// only the segments the store does not have yet.
const signedIn = tempauthStore();
test.after.always(async () => signedIn.store.close());

type Run = {code: number | null; stdout: string; stderr: string};

test('a submit killed with -9 mid-upload resumes the same job on rerun, sending only the missing segments', async (t) => {
	t.timeout(600_000);
	const bucket = await swiftContainer(t, 'submit-resume', signedIn);
	const home = await mkdtemp(join(tmpdir(), 'ivjm-submit-resume-'));
	t.teardown(async () => rm(home, {recursive: true, force: true}));
	const session = await signedIn.auth.getSession();
	const swift = new URL(session.storageUrl);
	const proxy = await cuttingProxy(
		{host: swift.hostname, port: Number(swift.port)},
		{direction: 'up', bytes: Number.POSITIVE_INFINITY},
	);
	t.teardown(async () => proxy.close());
	const storageUrl = new URL(session.storageUrl);
	storageUrl.port = String(proxy.port);

	const total = 280 * 1024 ** 2;
	const input = join(home, 'container.sif');
	await randomFile(input, total);
	await writeFile(join(home, 'README.txt'), 'run container.sif\n');
	await writeFile(
		join(home, 'request.json'),
		JSON.stringify({
			name: 'resumed after kill -9',
			email: 'requester@example.org',
			biobanks: ['HUS'],
			analysis: 'other',
			outputs: ['result.txt'],
			instructions: join(home, 'README.txt'),
		}),
	);
	const state = join(home, 'state');
	await mkdir(state);
	const start = () =>
		spawn(
			process.execPath,
			[
				join(repository, 'dist', 'cli.js'),
				'submit',
				'--task',
				join(home, 'request.json'),
				'--input',
				input,
				'--bucket',
				bucket,
				'--user',
				'requester',
			],
			{
				cwd: home,
				env: {
					PATH: process.env['PATH'] ?? '',
					HOME: home,
					XDG_STATE_HOME: state,
					XDG_CONFIG_HOME: join(home, 'config'),
					XDG_DATA_HOME: join(home, 'data'),
					XDG_CACHE_HOME: join(home, 'cache'),
					IVJM_KEYRING: 'none',
					OS_USERNAME: 'requester',
					OS_AUTH_TOKEN: session.token,
					OS_STORAGE_URL: storageUrl.href,
				},
			},
		);
	const finished = async (child: ReturnType<typeof start>) =>
		new Promise<Run>((done) => {
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			child.on('close', (code) => done({code, stdout, stderr}));
		});

	// First run: killed with -9 once the upload journal records a stored segment.
	const transfers = join(state, 'ivjm', 'transfers');
	// The segments the upload journal records as stored (their indices).
	const journalStored = async () => {
		const names = await readdir(transfers).catch(() => [] as string[]);
		const journals = await Promise.all(
			names
				.filter((name) => name.startsWith('upload-') && name.endsWith('.json'))
				.map(async (name) => readFile(join(transfers, name), 'utf8').catch(() => '{}')),
		);
		return journals.flatMap((text) => {
			try {
				const journal = JSON.parse(text) as {stored?: Array<{index: number}>};
				return (journal.stored ?? []).map(({index}) => index);
			} catch {
				return [];
			}
		});
	};
	const first = start();
	const firstRun = finished(first);
	let killedAt = 0;
	for (let waited = 0; waited < 300_000 && first.exitCode === null; waited += 20) {
		if ((await journalStored()).length > 0) {
			first.kill('SIGKILL');
			killedAt = proxy.bytes.up;
			break;
		}
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	const killed = await firstRun;
	t.is(killed.code, null, `the first run was killed, not finished: ${killed.stderr}`);
	const kept = await journalStored();
	t.true(kept.length > 0, 'segments recorded before the kill');
	t.log(`killed after ${killedAt} bytes sent, segments ${kept.join(', ')} recorded`);

	// Second run: the same command. The proxy logs each request and its answer, so what the
	// rerun sent is checked segment by segment, not by a byte count with slack.
	const before = proxy.bytes.up;
	const logged = proxy.requests.length;
	const rerun = await finished(start());
	t.is(rerun.code, 0, rerun.stderr);
	const sent = proxy.bytes.up - before;
	const segmentPuts = proxy.requests
		.slice(logged)
		.filter((request) => request.method === 'PUT' && request.path.includes('_segments/'))
		.map((request) => ({...request, index: Number(request.path.slice(-8))}));
	const count = Math.ceil(total / (64 * 1024 ** 2));
	const missing = Array.from({length: count}, (_, index) => index).filter(
		(index) => !kept.includes(index),
	);
	for (const index of kept) {
		t.false(
			segmentPuts.some((put) => put.index === index),
			`segment ${index}, stored and recorded by the first run, was sent again`,
		);
	}
	let retried = 0;
	for (const index of missing) {
		const attempts = segmentPuts.filter((put) => put.index === index);
		t.is(attempts.at(-1)?.status, 201, `segment ${index} stored by the rerun`);
		// More than one PUT of a segment only as a retry: every earlier attempt failed.
		for (const attempt of attempts.slice(0, -1)) {
			t.false((attempt.status ?? 0) >= 200 && (attempt.status ?? 0) < 300);
			t.log(`segment ${index} retried after ${attempt.status ?? 'no answer'}`);
			retried++;
		}
	}
	t.log(`the rerun sent ${sent} bytes of ${total}, ${missing.length} segments, ${retried} retries`);
	// Without a retry the bytes add up: the missing segments and the small requests around them.
	const missingBytes = missing.reduce(
		(sum, index) => sum + Math.min(64 * 1024 ** 2, total - index * 64 * 1024 ** 2),
		0,
	);
	if (retried === 0) t.true(sent < missingBytes + 1024 ** 2, `${sent} bytes for ${missingBytes}`);

	const jobId = rerun.stdout.trim();
	const jobs = new Set<string>();
	for await (const entry of signedIn.store.list(bucket, {prefix: 'jobs/requester/'})) {
		if (entry.kind === 'object') jobs.add(entry.key.split('/')[2] ?? '');
	}
	t.deepEqual([...jobs], [jobId], 'one job: the killed run’s, carried on');
	const stored = await buffer(
		(
			await signedIn.store.get({
				container: bucket,
				key: `jobs/requester/${jobId}/input/container.sif`,
			})
		).body,
	);
	t.is(sha256(stored), sha256(await readFile(input)));
	t.deepEqual(
		await readdir(join(state, 'ivjm', 'submits')).catch(() => []),
		[],
		'no unfinished submit left on record',
	);
});
