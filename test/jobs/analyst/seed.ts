import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {text} from 'node:stream/consumers';
import type {ExecutionContext} from 'ava';
import {isoTime, type Clock} from '../../../source/jobs/clock.js';
import {publishJob} from '../../../source/jobs/publish-job.js';
import {TaskCache} from '../../../source/jobs/task-cache.js';
import {InboxCache} from '../../../source/jobs/analyst/inbox-cache.js';
import {
	biobankTaskKey,
	buildJobId,
	builtInCatalogue,
	findAnalysisType,
	formatProblem,
	planNewTask,
	requestKey,
	requestNoteBody,
	taskContentType,
	taskKey,
} from '../../../source/protocol/index.js';
import {createLocalStore} from '../../../source/storage/local/local-store.js';
import type {ObjectStore} from '../../../source/storage/store.js';

export const bucket = 'project_2004504-intervene-tasks';

/** A fresh local store in a temporary folder (removed after the test), with the bucket made. */
export async function localStore(
	t: ExecutionContext,
): Promise<{store: ObjectStore; folder: string}> {
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-analyst-'));
	t.teardown(() => rm(folder, {recursive: true, force: true}));
	const store = createLocalStore({root: join(folder, 'store')});
	await store.createContainer(bucket);
	return {store, folder};
}

export const caches = () => ({tasks: new TaskCache(), inbox: new InboxCache()});

export type SeedJob = {
	user?: string;
	seconds: number;
	name?: string;
	biobanks?: string[];
	/** Uploaded input files: name → content. */
	inputs?: Record<string, string | Uint8Array>;
	instructions?: string;
	outputs?: string[];
};

/** A job submitted the way a researcher's ivjm submits it: uploads, then publishJob. */
export async function seedJob(
	store: ObjectStore,
	job: SeedJob,
	container: string = bucket,
): Promise<string> {
	const user = job.user ?? 'requester';
	const jobId = buildJobId(job.seconds, user);
	const analysis = findAnalysisType(builtInCatalogue, 'other');
	if (!analysis) throw new Error('no analysis type "other"');
	const inputs = job.inputs ?? {'input1.txt': 'small input\n'};
	const files: Record<string, string | Uint8Array> = {
		...inputs,
		'README_instructions.txt': job.instructions ?? 'run: cat input1.txt > result.txt\n',
	};
	const clock: Clock = {now: () => job.seconds * 1000};
	const planned = planNewTask({
		jobId,
		bucket: container,
		name: job.name ?? `task ${job.seconds}`,
		requestor: `${user}@example.org`,
		date: isoTime(clock.now()),
		biobanks: job.biobanks ?? ['HUS', 'FIMM'],
		analysis,
		uploads: Object.keys(inputs),
		instructionsFile: 'README_instructions.txt',
		outputs: job.outputs ?? ['result.txt'],
		requirements: ['singularity'],
	});
	if (!planned.ok) throw new Error(planned.problems.map(formatProblem).join('; '));
	for (const upload of planned.plan.uploads) {
		await store.put({container, key: upload.key}, files[upload.file] ?? '');
	}

	await publishJob(store, container, clock, planned.plan);
	return jobId;
}

/**
 * A job whose task.json at `biobank` is `taskText` exactly (a hostile or broken one), with its
 * submitted marker and inbox note, and the named input objects.
 */
export async function seedRawJob(
	store: ObjectStore,
	options: {
		jobId: string;
		biobank?: string;
		taskText: string;
		objects?: Record<string, string>;
		container?: string;
	},
): Promise<void> {
	const container = options.container ?? bucket;
	const biobank = options.biobank ?? 'HUS';
	for (const [key, body] of Object.entries(options.objects ?? {})) {
		await store.put({container, key}, body);
	}

	await store.put({container, key: biobankTaskKey(options.jobId, biobank)}, options.taskText, {
		contentType: taskContentType,
	});
	const user = options.jobId.slice(options.jobId.indexOf('-') + 1);
	await store.put(
		{container, key: `jobs/${user}/${options.jobId}/${biobank}/status/submitted`},
		'2026-11-25T09:05:06.356+02:00',
		{contentType: taskContentType},
	);
	await store.put(
		{container, key: requestKey(biobank, options.jobId)},
		requestNoteBody(options.jobId, biobank),
		{contentType: taskContentType},
	);
}

/** A fixed clock for the markers a test writes. */
export const clockAt = (ms: number): Clock => ({now: () => ms});

/**
 * Writes a job's common task.json again, the same text, as the Python tools write it (plain
 * `text/plain`): a job the listing alone cannot describe, whose task.json must be read.
 */
export async function asPythonWrote(
	store: ObjectStore,
	jobId: string,
	container: string = bucket,
): Promise<void> {
	const key = taskKey(jobId);
	const body = await text((await store.get({container, key})).body);
	await store.put({container, key}, body, {contentType: taskContentType});
}

/** `seedJob`, then its task.json rewritten as the Python tools write it. */
export async function seedPythonStyleJob(
	store: ObjectStore,
	job: SeedJob,
	container: string = bucket,
): Promise<string> {
	const jobId = await seedJob(store, job, container);
	await asPythonWrote(store, jobId, container);
	return jobId;
}
