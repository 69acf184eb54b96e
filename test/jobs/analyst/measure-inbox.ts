// Measures the two ways of building an analyst's inbox (protocol.md "Listing cost") on a store
// holding a few thousand jobs: `node --import=tsx test/jobs/analyst/measure-inbox.ts [JOBS] [--open=PERCENT] [--swift]`
// (the local store; with --swift the test Swift from swift.env, through tempauth).
// Not a test: it prints timings and store calls for each strategy, cold and warm.
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {InboxCache} from '../../../source/jobs/analyst/inbox-cache.js';
import {loadInbox, type InboxStrategy} from '../../../source/jobs/analyst/load-inbox.js';
import {isoTime} from '../../../source/jobs/clock.js';
import {publishJob} from '../../../source/jobs/publish-job.js';
import {TaskCache} from '../../../source/jobs/task-cache.js';
import {writeMarker} from '../../../source/jobs/write-marker.js';
import {
	buildJobId,
	builtInCatalogue,
	findAnalysisType,
	planNewTask,
	resultKey,
} from '../../../source/protocol/index.js';
import {createLocalStore} from '../../../source/storage/local/local-store.js';
import type {ObjectStore} from '../../../source/storage/store.js';
import {mapLimit} from '../../../source/util/map-limit.js';
import {removeContainer, uniqueContainer} from '../../helpers/servers.js';
import {tempauthStore} from './swift.js';

const jobCount = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 3000);
const onSwift = process.argv.includes('--swift');
// Per cent of the jobs still open at HUS (waiting or processing); the rest are ready.
const openPercent = Number(
	/^--open=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith('--open=')) ?? '')?.[1] ?? 40,
);
const bucket = onSwift ? uniqueContainer('measure-inbox') : 'project_2004504-intervene-tasks';
const requesters = ['jdoe', 'asmith', 'mkorhonen', 'requester'];
const biobanks = ['HUS', 'FIMM', 'HUNT', 'Estonia_Biobank', 'CSC'];
const other = findAnalysisType(builtInCatalogue, 'other');
if (!other) throw new Error('no analysis type "other"');
const analysis = other;

type Calls = {list: number; get: number; head: number};

function counting(store: ObjectStore): {store: ObjectStore; calls: Calls} {
	const calls: Calls = {list: 0, get: 0, head: 0};
	return {
		calls,
		store: {
			...store,
			list: (container, options) => (calls.list++, store.list(container, options)),
			get: async (ref, options) => (calls.get++, store.get(ref, options)),
			head: async (ref, options) => (calls.head++, store.head(ref, options)),
		},
	};
}

/** Job i goes to HUS and one other biobank; at HUS `openPercent`% are open (half waiting, half processing), the rest ready. */
async function seed(store: ObjectStore): Promise<void> {
	await store.createContainer(bucket);
	const start = 1_700_000_000;
	await mapLimit(
		Array.from({length: jobCount}, (_, index) => index),
		8,
		async (index) => {
			const jobId = buildJobId(start + index, requesters[index % requesters.length] ?? 'jdoe');
			const targets = ['HUS', biobanks[1 + (index % 4)] ?? 'FIMM'];
			const planned = planNewTask({
				jobId,
				bucket,
				name: `job ${index}`,
				requestor: 'someone@example.org',
				date: isoTime((start + index) * 1000),
				biobanks: targets,
				analysis,
				uploads: ['input.txt'],
				instructionsFile: 'README.txt',
				outputs: ['result.txt'],
			});
			if (!planned.ok) throw new Error('a seeded job is invalid');
			for (const upload of planned.plan.uploads) {
				await store.put({container: bucket, key: upload.key}, `${upload.file} of ${jobId}\n`);
			}

			const clock = {now: () => (start + index) * 1000};
			await publishJob(store, bucket, clock, planned.plan);
			const open = (index * 7919) % 100 < openPercent;
			const waiting = open && index % 2 === 0;
			if (!waiting) {
				await writeMarker(store, bucket, clock, {
					jobId,
					biobank: 'HUS',
					marker: 'processing',
					by: 'lvirtanen',
				});
			}

			if (!open) {
				await store.put(
					{container: bucket, key: resultKey(jobId, 'HUS', 'result.txt')},
					'result\n',
				);
				await writeMarker(store, bucket, clock, {
					jobId,
					biobank: 'HUS',
					marker: 'ready',
					by: 'lvirtanen',
				});
			}
		},
	);
}

async function measure(store: ObjectStore, strategy: InboxStrategy): Promise<void> {
	const caches = {tasks: new TaskCache(), inbox: new InboxCache()};
	for (const round of ['cold', 'warm', 'warm']) {
		const counted = counting(store);
		const began = performance.now();
		const inbox = await loadInbox(counted.store, bucket, 'HUS', caches, {strategy});
		const ms = performance.now() - began;
		const {list, get, head} = counted.calls;
		console.log(
			`${strategy.padEnd(12)} ${round}: ${inbox.jobs.length} jobs in ${ms.toFixed(0).padStart(6)} ms; ` +
				`${list} listings, ${get} reads, ${head} heads`,
		);
	}
}

const folder = await mkdtemp(join(tmpdir(), 'ivjm-measure-inbox-'));
const swift = onSwift ? tempauthStore() : undefined;
try {
	const store = swift?.store ?? createLocalStore({root: join(folder, 'store')});
	console.log(store.description);
	const seeding = performance.now();
	await seed(store);
	let objects = 0;
	for await (const entry of store.list(bucket)) if (entry.kind === 'object') objects++;
	console.log(
		`${openPercent}% open at HUS; seeded ${jobCount} jobs (${objects} objects) in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
	);
	await measure(store, 'per-job');
	await measure(store, 'whole-bucket');
	await measure(store, 'auto');
} finally {
	await rm(folder, {recursive: true, force: true});
	if (swift) {
		await removeContainer(swift.store, await swift.auth.getSession(), bucket);
		await swift.store.close();
	}
}
