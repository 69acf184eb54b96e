import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import test from 'ava';
import {claimJob} from '../../source/jobs/analyst/claim-job.js';
import {systemClock} from '../../source/jobs/clock.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import {createSwiftStore, createTempAuth} from '../../source/storage/swift/index.js';
import {terminalChannel} from '../../source/watch/channels/terminal-channel.js';
import {runWatch} from '../../source/watch/run-watch.js';
import {watchStateFolder} from '../../source/watch/state-file.js';
import {watchScope, watchSources, type WatchRole} from '../../source/watch/watch-role.js';
import {testServers} from '../helpers/servers.js';
import {seedJob} from '../jobs/analyst/seed.js';
import {swiftContainer, tempauthStore} from '../jobs/analyst/swift.js';
import {countingHttp} from './counting-http.js';

// What one poll costs the object store, counted request by request on the real Swift: a poll
// that finds nothing new is one listing page (10,000 names); only a change reads anything.
// test/watch/measure-requests.ts measures the same at 1,000 jobs.
const servers = testServers();
const writer = tempauthStore();
test.after.always(async () => writer.store.close());

test('a poll lists one prefix and reads nothing unless something changed, for either role', async (t) => {
	const container = await swiftContainer(t, 'watch-requests', writer);
	const jobs = [];
	for (let index = 0; index < 3; index++) {
		jobs.push(
			await seedJob(
				writer.store,
				{seconds: 1_795_800_000 + index, biobanks: ['HUS', 'FIMM']},
				container,
			),
		);
	}

	const counting = countingHttp();
	const auth = createTempAuth({
		authUrl: servers.tempauthUrl,
		user: servers.tempauthUser,
		key: servers.tempauthKey,
	});
	const store = createSwiftStore({auth, http: counting.http});
	t.teardown(() => store.close());
	const root = await mkdtemp(join(tmpdir(), 'ivjm-watch-requests-'));
	t.teardown(() => rm(root, {recursive: true, force: true}));
	const poll = async (role: WatchRole) => {
		counting.reset();
		const scope = watchScope(store.description, container, role);
		const result = await runWatch({
			sources: watchSources(role, store, container, new TaskCache()),
			channels: [
				terminalChannel({output: new Writable({write: (_chunk, _encoding, done) => done()})}),
			],
			stateFolder: watchStateFolder(root, scope),
			scope,
			once: true,
			log() {},
		});
		t.true(result.ok);
		return {...counting.count};
	};

	const researcher: WatchRole = {kind: 'researcher', user: 'requester'};
	const analyst: WatchRole = {kind: 'analyst', biobank: 'HUS'};
	t.deepEqual(await poll(researcher), {listings: 1, objectGets: 0, other: 0}, 'the baseline');
	t.deepEqual(await poll(researcher), {listings: 1, objectGets: 0, other: 0}, 'nothing changed');
	t.deepEqual(await poll(analyst), {listings: 1, objectGets: 0, other: 0}, 'the baseline');
	t.deepEqual(await poll(analyst), {listings: 1, objectGets: 0, other: 0}, 'nothing changed');

	await claimJob(writer.store, container, systemClock, {
		jobId: jobs[0]!,
		biobank: 'HUS',
		analyst: 'hus-analyst',
		settleMs: 0,
	});
	t.deepEqual(
		await poll(researcher),
		{listings: 1, objectGets: 2, other: 0},
		'a claim: its task.json and marker',
	);
	t.deepEqual(await poll(researcher), {listings: 1, objectGets: 0, other: 0});
	await seedJob(writer.store, {seconds: 1_795_800_100, biobanks: ['HUS']}, container);
	t.deepEqual(
		await poll(analyst),
		{listings: 1, objectGets: 1, other: 0},
		'a request: its task.json',
	);
});
