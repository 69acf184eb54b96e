import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import test, {type ExecutionContext} from 'ava';
import {claimJob} from '../../source/jobs/analyst/claim-job.js';
import {giveUpJob} from '../../source/jobs/analyst/give-up-job.js';
import {systemClock} from '../../source/jobs/clock.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import {writeMarker} from '../../source/jobs/write-marker.js';
import {resultKey} from '../../source/protocol/index.js';
import type {ObjectStore} from '../../source/storage/store.js';
import {terminalChannel} from '../../source/watch/channels/terminal-channel.js';
import {reviewWaitingObservation, type WatchSource} from '../../source/watch/observation.js';
import {runWatch} from '../../source/watch/run-watch.js';
import {watchStateFolder} from '../../source/watch/state-file.js';
import {watchScope, watchSources, type WatchRole} from '../../source/watch/watch-role.js';
import {bucket, localStore, seedJob} from '../jobs/analyst/seed.js';

// The engine on the local store (the same adapter as the demo store), in this process: what each
// poll prints on the terminal channel, across restarts. The real Swift, SMTP, webhook and kill -9
// are in watch-swift.test.ts.

type Watcher = {poll(extra?: WatchSource[]): Promise<string[]>; logs: string[]};

async function watcher(t: ExecutionContext, store: ObjectStore, role: WatchRole): Promise<Watcher> {
	const root = await mkdtemp(join(tmpdir(), 'ivjm-watch-local-'));
	t.teardown(() => rm(root, {recursive: true, force: true}));
	const scope = watchScope(store.description, bucket, role);
	const logs: string[] = [];
	return {
		logs,
		async poll(extra = []) {
			const output = new PassThrough();
			const written: string[] = [];
			output.on('data', (chunk: Buffer) => written.push(chunk.toString()));
			const result = await runWatch({
				sources: watchSources(role, store, bucket, new TaskCache(), extra),
				channels: [terminalChannel({output})],
				stateFolder: watchStateFolder(root, scope),
				scope,
				once: true,
				log: (line) => logs.push(line),
			});
			t.true(result.ok);
			return written.join('').split('\n').filter(Boolean);
		},
	};
}

const minute = /^\d{4}-\d\d-\d\d \d\d:\d\d {2}/u;

test('a researcher is told each claim, failure and delivery once, across restarts, and nothing at the first poll', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {
		seconds: 1_795_600_000,
		name: 'PRS test',
		biobanks: ['HUS', 'FIMM'],
	});
	const watch = await watcher(t, store, {kind: 'researcher', user: 'requester'});
	t.deepEqual(await watch.poll(), []);
	t.regex(watch.logs.join('\n'), /First poll for the terminal: 2 states recorded as they are/u);

	await claimJob(store, bucket, systemClock, {
		jobId,
		biobank: 'HUS',
		analyst: 'hus-analyst',
		settleMs: 0,
	});
	const claimed = await watch.poll();
	t.is(claimed.length, 1);
	t.regex(claimed[0] ?? '', minute);
	t.true(claimed[0]?.endsWith(`◐ HUS: claimed by hus-analyst — ${jobId} “PRS test”`));
	t.deepEqual(await watch.poll(), []);

	// Claimed and failed between two polls: the researcher hears of the state it ended in.
	await claimJob(store, bucket, systemClock, {
		jobId,
		biobank: 'FIMM',
		analyst: 'fimm-analyst',
		settleMs: 0,
	});
	await giveUpJob(store, bucket, systemClock, {
		jobId,
		biobank: 'FIMM',
		analyst: 'fimm-analyst',
		marker: 'failed',
		reason: 'Container exited with code 137: out of memory at 2 GB. Please ask for 8 GB.',
	});
	await store.put({container: bucket, key: resultKey(jobId, 'HUS', 'result.txt')}, 'done\n');
	await writeMarker(store, bucket, systemClock, {
		jobId,
		biobank: 'HUS',
		marker: 'ready',
		by: 'hus-analyst',
	});
	const both = await watch.poll();
	t.deepEqual(
		both.map((line) => line.replace(minute, '')),
		[
			`✘ FIMM: failed — ${jobId} “PRS test”`,
			'reason: Container exited with code 137: out of memory at 2 GB. Please ask for 8 GB.',
			'next: ivjm show 1795600000-requester',
			`✔ HUS: results ready — ${jobId} “PRS test”`,
			'results: 1 file, 5 B',
			`next: ivjm results ${jobId} --biobank HUS`,
		].map((line) =>
			line.startsWith('✘') || line.startsWith('✔') ? line : `${' '.repeat(20)}${line}`,
		),
	);
	t.deepEqual(await watch.poll(), []);
});

test('an analyst is told each new request to their biobank once, and not those to other biobanks', async (t) => {
	const {store} = await localStore(t);
	await seedJob(store, {seconds: 1_795_600_000, biobanks: ['HUS']});
	const watch = await watcher(t, store, {kind: 'analyst', biobank: 'HUS'});
	t.deepEqual(await watch.poll(), []);
	const jobId = await seedJob(store, {
		seconds: 1_795_600_100,
		user: 'jdoe',
		name: 'new PGS run',
		biobanks: ['HUS', 'FIMM'],
	});
	await seedJob(store, {seconds: 1_795_600_200, user: 'jdoe', biobanks: ['FIMM']});
	const lines = await watch.poll();
	t.deepEqual(
		lines.map((line) => line.replace(minute, '')),
		[
			`○ New request to HUS from jdoe — ${jobId} “new PGS run”`,
			`${' '.repeat(20)}next: ivjm claim ${jobId} --biobank HUS`,
		],
	);
	t.deepEqual(await watch.poll(), []);
});

test('the release review plugs in a source, and a delivery awaiting review is told once', async (t) => {
	const {store} = await localStore(t);
	const watch = await watcher(t, store, {kind: 'analyst', biobank: 'HUS'});
	let waiting: WatchSource['observe'] = async () => [];
	const reviews: WatchSource = {name: 'reviews', observe: async (signal) => waiting(signal)};
	t.deepEqual(await watch.poll([reviews]), []);
	waiting = async () => [
		reviewWaitingObservation({
			jobId: '1795600000-requester',
			user: 'requester',
			biobank: 'HUS',
			since: '2026-11-25T10:00:00',
			describe: async () => ({name: 'PRS test', by: 'first-reviewer'}),
		}),
	];
	const lines = await watch.poll([reviews]);
	t.deepEqual(
		lines.map((line) => line.replace(minute, '')),
		[
			'◇ HUS: a release review is waiting — 1795600000-requester “PRS test”',
			`${' '.repeat(20)}next: ivjm review 1795600000-requester --biobank HUS`,
		],
	);
	t.deepEqual(await watch.poll([reviews]), []);
});
