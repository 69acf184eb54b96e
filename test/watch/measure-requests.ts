// What `ivjm watch` costs the object store at 1,000 jobs: `node --import=tsx test/watch/measure-requests.ts [JOBS]`
// against the test Swift (swift.env). Seeds JOBS jobs of one requester at the five biobanks with
// the bench's job shapes (test/bench/job-shapes.ts: 35 % waiting, 30 % processing, 25 % ready,
// 10 % failed), then counts each request of a researcher's and an analyst's polls: the first
// (baseline), a steady one, and one after a claim. Not a test: it prints a table.
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {systemClock} from '../../source/jobs/clock.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import {writeMarker} from '../../source/jobs/write-marker.js';
import {markerKey} from '../../source/protocol/keys.js';
import {buildJobId} from '../../source/protocol/job-id.js';
import {createSwiftStore, createTempAuth} from '../../source/storage/swift/index.js';
import {terminalChannel} from '../../source/watch/channels/terminal-channel.js';
import {defaultIntervalSeconds, runWatch} from '../../source/watch/run-watch.js';
import {watchStateFolder} from '../../source/watch/state-file.js';
import {watchScope, watchSources, type WatchRole} from '../../source/watch/watch-role.js';
import {
	backendFromEnvironment,
	countListing,
	createContainer,
	deleteContainerWithObjects,
	seedSwiftJobs,
	signIn,
} from '../bench/seed-swift.js';
import {uniqueContainer} from '../helpers/servers.js';
import {countingHttp} from './counting-http.js';

const jobs = Number(process.argv[2] ?? 1000);
const user = 'requester';
const {
	SWIFT_TEMPAUTH_URL: authUrl = '',
	SWIFT_TEMPAUTH_USER: tempUser = '',
	SWIFT_TEMPAUTH_KEY: key = '',
} = process.env;
const account = await signIn(authUrl, tempUser, key);
const container = uniqueContainer('measure-watch');
await createContainer(account, container);
const root = await mkdtemp(join(tmpdir(), 'ivjm-measure-watch-'));
const counting = countingHttp();
const store = createSwiftStore({
	auth: createTempAuth({authUrl, user: tempUser, key}),
	http: counting.http,
});
try {
	const seeded = await seedSwiftJobs(account, backendFromEnvironment(), container, user, 0, jobs);
	const listed = await countListing(account, container, `jobs/${user}/`);
	const notes = await countListing(account, container, 'HUS/requests/');
	console.log(
		`${jobs} jobs × 5 biobanks: ${seeded.objects} objects; jobs/${user}/ lists ${listed}, HUS/requests/ ${notes}`,
	);
	const rows: string[][] = [];
	const poll = async (role: WatchRole, label: string) => {
		counting.reset();
		const scope = watchScope(store.description, container, role);
		const started = performance.now();
		const result = await runWatch({
			sources: watchSources(role, store, container, new TaskCache()),
			channels: [terminalChannel({output: new Writable({write: (_c, _e, done) => done()})})],
			stateFolder: watchStateFolder(root, scope),
			scope,
			once: true,
			log() {},
		});
		if (!result.ok) throw new Error(`${label}: the poll failed`);
		const {listings, objectGets, other} = counting.count;
		const total = listings + objectGets + other;
		rows.push([
			label,
			String(listings),
			String(objectGets + other),
			String(total),
			`${((performance.now() - started) / 1000).toFixed(2)} s`,
		]);
		return total;
	};

	const researcher: WatchRole = {kind: 'researcher', user};
	const analyst: WatchRole = {kind: 'analyst', biobank: 'HUS'};
	await poll(researcher, 'researcher, first poll (baseline)');
	const steadyResearcher = await poll(researcher, 'researcher, nothing changed');
	// An analyst delivers the newest job at a biobank where it is not ready yet: one change.
	const jobId = buildJobId(1_600_000_000 + (jobs - 1) * 600, user);
	const markers = new Set<string>();
	for await (const entry of store.list(container, {prefix: `jobs/${user}/${jobId}/`})) {
		if (entry.kind === 'object' && entry.key.includes('/status/')) markers.add(entry.key);
	}

	const biobank = ['HUS', 'FIMM', 'HUNT', 'Estonia_Biobank', 'CSC'].find(
		(name) => !markers.has(markerKey(jobId, name, 'ready')),
	);
	if (biobank) {
		await writeMarker(store, container, systemClock, {
			jobId,
			biobank,
			marker: 'ready',
			by: 'analyst',
		});
		await poll(researcher, `researcher, after ${biobank} delivered one job`);
	}

	await poll(analyst, 'analyst (HUS), first poll (baseline)');
	const steadyAnalyst = await poll(analyst, 'analyst (HUS), nothing changed');
	console.log(
		'\n| poll | listing pages | object requests | requests | time |\n|---|---|---|---|---|',
	);
	for (const row of rows) console.log(`| ${row.join(' | ')} |`);
	const perHour = 3600 / defaultIntervalSeconds;
	console.log(
		`\nAt the default interval (${defaultIntervalSeconds} s, ${perHour} polls an hour): researcher ${steadyResearcher * perHour} requests an hour, analyst ${steadyAnalyst * perHour}, plus what changes read (2 small GETs a change for a researcher, 1 a request for an analyst) and a sign-in when the token expires.`,
	);
} finally {
	await store.close();
	await deleteContainerWithObjects(account, container);
	await rm(root, {recursive: true, force: true});
}
