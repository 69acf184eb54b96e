/**
 * Where the overview's time and memory go: the researcher's overview (`loadResearcherJobs`, what
 * `ivjm jobs` and the TUI's table run) in this process, with the store wrapped to time the
 * listing and count the task.json reads, and memory sampled at each phase. Run as a child:
 *
 *   node --import=tsx test/bench/overview-probe.ts swift BUCKET USER   (SWIFT_TEMPAUTH_* set)
 *   node --import=tsx test/bench/overview-probe.ts local:DIR - USER
 *
 * IVJM_PROBE_PARALLEL sets how many task.json reads run at once (default: the program's).
 *
 * It prints one JSON line.
 */
import {readFile} from 'node:fs/promises';
import {openDemoStore} from '../../source/demo/open-demo-store.js';
import {defaultTaskReads, loadResearcherJobs} from '../../source/jobs/researcher/load-jobs.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import type {ObjectStore} from '../../source/storage/store.js';
import {createSwiftStore, createTempAuth} from '../../source/storage/swift/index.js';

export type ProbeReport = {
	jobs: number;
	listed: number;
	/** Seconds from the call to the listing's last entry (the matrix is built as it arrives). */
	listSeconds: number;
	/** Seconds from there to the end: the task.json reads (`parallel` at a time) and the join. */
	readSeconds: number;
	totalSeconds: number;
	parallel: number;
	gets: number;
	getBytes: number;
	memory: {
		start: NodeJS.MemoryUsage;
		/** When the listing ended, and after a full GC then (what the listing's result keeps). */
		listed: NodeJS.MemoryUsage;
		listedRetained?: NodeJS.MemoryUsage;
		done: NodeJS.MemoryUsage;
		doneRetained?: NodeJS.MemoryUsage;
		vmHwm: number;
	};
};

/** `global.gc` under --expose-gc; the GC's own time is kept out of the phases. */
const collect = (globalThis as {gc?: () => void}).gc;
let gcSeconds = 0;
function retained(): NodeJS.MemoryUsage | undefined {
	if (!collect) return undefined;
	const started = performance.now();
	collect();
	gcSeconds += (performance.now() - started) / 1000;
	return process.memoryUsage();
}

async function vmHwm(): Promise<number> {
	const status = await readFile('/proc/self/status', 'utf8');
	return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}

async function openStore(kind: string, bucket: string) {
	if (kind === 'swift') {
		const {SWIFT_TEMPAUTH_URL, SWIFT_TEMPAUTH_USER, SWIFT_TEMPAUTH_KEY} = process.env;
		if (!SWIFT_TEMPAUTH_URL || !SWIFT_TEMPAUTH_USER || !SWIFT_TEMPAUTH_KEY)
			throw new Error('Set SWIFT_TEMPAUTH_URL, SWIFT_TEMPAUTH_USER and SWIFT_TEMPAUTH_KEY');
		const store = createSwiftStore({
			auth: createTempAuth({
				authUrl: SWIFT_TEMPAUTH_URL,
				user: SWIFT_TEMPAUTH_USER,
				key: SWIFT_TEMPAUTH_KEY,
			}),
		});
		await store.containerExists(bucket);
		return {store: store as ObjectStore, bucket, close: () => store.close()};
	}
	const opened = await openDemoStore({store: kind});
	return {store: opened.store, bucket: opened.bucket, close: async () => undefined};
}

async function probe(kind: string, bucketArgument: string, user: string): Promise<ProbeReport> {
	const {store, bucket, close} = await openStore(kind, bucketArgument);
	const start = process.memoryUsage();
	let listed = 0;
	let listedAt = 0;
	let listedMemory = start;
	let listedRetained: NodeJS.MemoryUsage | undefined;
	let gets = 0;
	let getBytes = 0;
	const measured: ObjectStore = {
		...store,
		description: store.description,
		async *list(container, options) {
			for await (const entry of store.list(container, options)) {
				listed++;
				yield entry;
			}
			listedAt = performance.now();
			listedMemory = process.memoryUsage();
			listedRetained = retained();
		},
		async get(ref, options) {
			gets++;
			const result = await store.get(ref, options);
			result.body.on('data', (chunk: Buffer) => (getBytes += chunk.length));
			return result;
		},
	};
	const parallel = Number(process.env['IVJM_PROBE_PARALLEL'] ?? defaultTaskReads);
	const started = performance.now();
	const {jobs} = await loadResearcherJobs(measured, bucket, user, new TaskCache(), {parallel});
	const ended = performance.now();
	const done = process.memoryUsage();
	const vmHwmBytes = await vmHwm();
	const report: ProbeReport = {
		jobs: jobs.length,
		listed,
		listSeconds: (listedAt - started) / 1000,
		readSeconds: (ended - listedAt) / 1000 - gcSeconds,
		totalSeconds: (ended - started) / 1000 - gcSeconds,
		parallel,
		gets,
		getBytes,
		memory: {
			start,
			listed: listedMemory,
			listedRetained,
			done,
			// `jobs` is still referenced here: what the finished overview holds.
			doneRetained: jobs.length > 0 ? retained() : undefined,
			vmHwm: vmHwmBytes,
		},
	};
	await close();
	return report;
}

const [kind, bucket, user] = process.argv.slice(2);
if (!kind || !bucket || !user) {
	throw new Error('Usage: overview-probe.ts swift|local:DIR BUCKET|- USER');
}
process.stdout.write(`${JSON.stringify(await probe(kind, bucket, user))}\n`);
