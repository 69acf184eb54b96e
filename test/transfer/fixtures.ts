import {createHash, randomBytes} from 'node:crypto';
import {mkdir, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import type {
	GetOptions,
	GetResult,
	ObjectRef,
	ObjectStore,
	PutBody,
	PutOptions,
	PutResult,
} from '../../source/storage/store.js';
import type {TransferProgress} from '../../source/transfer/transfer.js';

/** A temp folder with a local store, a journal folder and a download folder in it. */
export type Sandbox = {
	root: string;
	store: ObjectStore;
	container: string;
	journalFolder: string;
	downloads: string;
	cleanup(): Promise<void>;
};

export async function sandbox(): Promise<Sandbox> {
	const root = await mkdtemp(join(tmpdir(), 'ivjm-transfer-'));
	const store = createLocalStore({root: join(root, 'store')});
	const container = 'project_2004504-intervene-tasks';
	await store.createContainer(container);
	const downloads = join(root, 'downloads');
	await mkdir(downloads);
	return {
		root,
		store,
		container,
		journalFolder: join(root, 'journals'),
		downloads,
		cleanup: async () => rm(root, {recursive: true, force: true}),
	};
}

/** Writes `bytes` random bytes to `path`; returns them. */
export async function randomFile(path: string, bytes: number): Promise<Buffer> {
	const content = randomBytes(bytes);
	await writeFile(path, content);
	return content;
}

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
export const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('hex');

export type PutCall = {ref: ObjectRef; options: PutOptions};
export type GetCall = {ref: ObjectRef; options: GetOptions};

type Next<Result> = () => Promise<Result>;

/** What a test may do in place of the store's put or get: fail, cut, count. */
export type Interceptors = {
	put?: (call: PutCall & {body: PutBody}, next: Next<PutResult>) => Promise<PutResult>;
	get?: (call: GetCall, next: Next<GetResult>) => Promise<GetResult>;
};

export type RecordingStore = {
	store: ObjectStore;
	puts: PutCall[];
	gets: GetCall[];
	heads: ObjectRef[];
	manifests: ObjectRef[];
	/** Puts in flight right now, and the most seen at once. */
	concurrency: {now: number; most: number};
};

/** The store with every call recorded, and puts and gets optionally intercepted. */
export function recordingStore(inner: ObjectStore, intercept: Interceptors = {}): RecordingStore {
	const recording: RecordingStore = {
		store: inner,
		puts: [],
		gets: [],
		heads: [],
		manifests: [],
		concurrency: {now: 0, most: 0},
	};
	recording.store = {
		...inner,
		async put(ref, body, options = {}) {
			recording.puts.push({ref, options});
			recording.concurrency.now++;
			recording.concurrency.most = Math.max(recording.concurrency.most, recording.concurrency.now);
			try {
				const next = async () => inner.put(ref, body, options);
				return await (intercept.put ? intercept.put({ref, body, options}, next) : next());
			} finally {
				recording.concurrency.now--;
			}
		},
		async get(ref, options = {}) {
			recording.gets.push({ref, options});
			const next = async () => inner.get(ref, options);
			return intercept.get ? intercept.get({ref, options}, next) : next();
		},
		async head(ref, options) {
			recording.heads.push(ref);
			return inner.head(ref, options);
		},
		async putManifest(ref, segments, options) {
			recording.manifests.push(ref);
			return inner.putManifest(ref, segments, options);
		},
	};
	return recording;
}

/** Every file under `folder`, as relative paths, sorted. */
export async function filesUnder(folder: string): Promise<string[]> {
	const entries = await readdir(folder, {recursive: true, withFileTypes: true});
	return entries
		.filter((entry) => !entry.isDirectory())
		.map((entry) => relative(folder, join(entry.parentPath, entry.name)))
		.sort();
}

/** Keys of the objects in `container` under `prefix`. */
export async function keysIn(
	store: ObjectStore,
	container: string,
	prefix = '',
): Promise<string[]> {
	const keys: string[] = [];
	for await (const entry of store.list(container, {prefix})) {
		if (entry.kind === 'object') keys.push(entry.key);
	}
	return keys;
}

/** Checks a run's progress events: phases in order, `done` never back within one, 100% at the end. */
export function progressProblems(events: TransferProgress[], phases: string[]): string[] {
	const problems: string[] = [];
	const seen = events.map((event) => event.phase).filter((phase, i, all) => phase !== all[i - 1]);
	if (JSON.stringify(seen) !== JSON.stringify(phases)) {
		problems.push(`phases ${seen.join(',')} instead of ${phases.join(',')}`);
	}
	for (const [index, event] of events.entries()) {
		const before = events[index - 1];
		if (before && before.phase === event.phase && event.done < before.done) {
			problems.push(`done went back from ${before.done} to ${event.done} in ${event.phase}`);
		}
		if (event.done > event.total) problems.push(`done ${event.done} above total ${event.total}`);
	}
	const last = events.at(-1);
	if (last?.phase !== 'done' || last.done !== last.total) problems.push('no final event at 100%');
	return problems;
}
