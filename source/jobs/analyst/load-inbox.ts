import {text} from 'node:stream/consumers';
import {outputsFor} from '../../protocol/biobank-task.js';
import {builtInCatalogue} from '../../protocol/catalogue.js';
import {createInboxFold, type InboxRow} from '../../protocol/inbox.js';
import {
	biobankTaskKey,
	jobPrefix,
	jobsPrefix,
	requestKey,
	requestsPrefix,
} from '../../protocol/keys.js';
import type {ListingEntry, MarkerFile, StoredFile} from '../../protocol/listing.js';
import {parseMarkerBody, type MarkerBody} from '../../protocol/markers.js';
import type {Problem} from '../../protocol/problem.js';
import {parseRequestNote, type RequestNote} from '../../protocol/request-note.js';
import type {BiobankStatus} from '../../protocol/status.js';
import type {Task} from '../../protocol/task.js';
import {NotFound} from '../../storage/errors/index.js';
import type {ListedObject, ObjectStore} from '../../storage/store.js';
import {mapLimit} from '../../util/map-limit.js';
import {analysisTypeOf} from '../analysis-type-of.js';
import type {TaskCache} from '../task-cache.js';
import {NotInInbox} from './analyst-errors.js';
import {instructionFileName, planDownload} from './download-plan.js';
import type {InboxCache} from './inbox-cache.js';

/** A file the task reads, with its size in storage when it could be told. */
export type JobFile = {
	name: string;
	/** Where it goes in the job folder, as the task says (instructions: the object's file name). */
	path: string;
	bucket: string;
	object: string;
	bytes?: number;
	/** Storage says there is no such object: the job cannot be run as it is. */
	missing: boolean;
};

/** The marker that decides the status, with what its body says (who, since when, why). */
export type StatusHolder = MarkerBody & {marker: string};

/** One job addressed to the biobank: a row of the analyst's inbox, and what its view shows. */
export type InboxJob = {
	jobId: string;
	/** The requester (CSC user), from the job id. */
	user: string;
	/** Unix seconds, from the job id. */
	submittedAt: number;
	status: BiobankStatus;
	/** Waiting for an analyst: a claim is offered. */
	claimable: boolean;
	holder?: StatusHolder;
	markers: MarkerFile[];
	results: StoredFile[];
	/** The biobank's task.json, when it could be read. */
	task?: Task;
	/** Slips of the Python tools that were tolerated (shown, not fatal). */
	repairs: Problem[];
	/** Why the job cannot be used: a bad inbox note, a missing or malformed task.json. */
	problems?: Problem[];
	analysisType?: string;
	inputs: JobFile[];
	instructions: JobFile[];
	/** Total size of the inputs whose size is known. */
	inputBytes: number;
	missingInputs: number;
};

export type AnalystInbox = {
	biobank: string;
	/** Newest first. */
	jobs: InboxJob[];
	/** Keys under `<biobank>/requests/` that are not a job id. */
	ignored: string[];
};

/**
 * How the status markers are found. The inbox notes sit under `<biobank>/requests/`, but each
 * job's markers sit under its requester's folder, so there is no single prefix that holds both:
 * - `whole-bucket`: one paged listing of all of `jobs/` (10,000 names a request);
 * - `per-job`: one listing of each job's folder, in parallel, except the settled ones (ready,
 *   cancelled), whose listing is kept;
 * - `auto` (the default): `whole-bucket` for the first load of a biobank's inbox, when nothing is
 *   known and one pass is the cheapest way to see every job; `per-job` for each refresh after it,
 *   whose cost follows this biobank's open jobs, not every object of every job ever submitted.
 * Measured with test/jobs/analyst/measure-inbox.ts (numbers in its header).
 */
export type InboxStrategy = 'auto' | 'per-job' | 'whole-bucket';

export type LoadInboxOptions = {
	strategy?: InboxStrategy;
	/** Read settled jobs' notes and marker bodies too (who delivered, when), as a job's view does. */
	settledDetails?: boolean;
	/** Store calls in flight at once (default 8). */
	parallel?: number;
	signal?: AbortSignal;
};

export type InboxCaches = {tasks: TaskCache; inbox: InboxCache};

/** A job description is about a kilobyte; a bigger one is refused unread. */
export const maxTaskBytes = 1024 * 1024;
const maxNoteBytes = 4096;
const maxMarkerBytes = 64 * 1024;

/**
 * Every job addressed to `biobank`, newest first: the inbox notes, each job's markers at this
 * biobank, its task.json (read once per ETag) and the sizes of its inputs. A job whose note or
 * task.json cannot be used becomes a row with problems; it never breaks the table.
 */
export async function loadInbox(
	store: ObjectStore,
	bucket: string,
	biobank: string,
	caches: InboxCaches,
	options: LoadInboxOptions = {},
): Promise<AnalystInbox> {
	const {signal} = options;
	const parallel = options.parallel ?? 8;
	const strategy =
		options.strategy === undefined || options.strategy === 'auto'
			? caches.inbox.loaded(biobank)
				? 'per-job'
				: 'whole-bucket'
			: options.strategy;
	const notes = await listObjects(store, bucket, requestsPrefix(biobank), signal);
	const fold = createInboxFold(biobank);
	for (const note of notes) fold.add(entryOf(note));
	const listed = new Map<string, ListedObject>();
	const add = (object: ListedObject) => {
		listed.set(object.key, object);
		fold.add(entryOf(object));
	};

	let covered: (key: string) => boolean;
	// Each job folder's listing (`jobs/<user>/<jobid>/` → objects), kept once the job settles.
	const folderOf = new Map<string, ListedObject[]>();
	if (strategy === 'whole-bucket') {
		for (const object of await listObjects(store, bucket, jobsPrefix, signal)) {
			add(object);
			const folder = object.key.split('/', 3).join('/') + '/';
			const objects = folderOf.get(folder);
			if (objects) objects.push(object);
			else folderOf.set(folder, [object]);
		}

		covered = (key) => key.startsWith(jobsPrefix);
	} else {
		const rows = fold.result().rows;
		const folders = await mapLimit(rows, parallel, async (row) => {
			const known = caches.inbox.settledListing(biobank, row.jobId);
			return known ?? listObjects(store, bucket, jobPrefix(row.jobId), signal);
		});
		for (const [index, objects] of folders.entries()) {
			const row = rows[index];
			if (row) folderOf.set(jobPrefix(row.jobId), objects);
			for (const object of objects) add(object);
		}

		const prefixes = new Set(rows.map((row) => jobPrefix(row.jobId)));
		covered = (key) => {
			const parts = key.split('/');
			return parts.length > 3 && prefixes.has(`${parts.slice(0, 3).join('/')}/`);
		};
	}

	const inbox = fold.result();
	const notesByKey = new Map(notes.map((note) => [note.key, note]));
	const context: JobContext = {store, bucket, biobank, caches, listed, covered, signal};
	const jobs = await mapLimit(inbox.rows, parallel, async (row) => {
		const detail = options.settledDetails ? 'job' : 'table';
		const job = await completeJob(context, row, notesByKey.get(row.request.key), detail);
		if (row.settled) {
			caches.inbox.rememberSettled(biobank, row.jobId, folderOf.get(jobPrefix(row.jobId)) ?? []);
		}

		return job;
	});
	caches.inbox.markLoaded(biobank);
	await caches.tasks.flush();
	jobs.sort((a, b) => b.submittedAt - a.submittedAt || (a.jobId < b.jobId ? 1 : -1));
	return {biobank, jobs, ignored: inbox.ignored};
}

/** One job of the inbox, listed afresh (for its view, and before a claim or a delivery). */
export async function loadInboxJob(
	store: ObjectStore,
	bucket: string,
	biobank: string,
	jobId: string,
	caches: InboxCaches,
	options: {signal?: AbortSignal} = {},
): Promise<InboxJob> {
	const {signal} = options;
	const noteKey = requestKey(biobank, jobId);
	const note = (await listObjects(store, bucket, noteKey, signal)).find(
		(object) => object.key === noteKey,
	);
	if (!note) throw new NotInInbox(jobId, biobank);
	const fold = createInboxFold(biobank);
	fold.add(entryOf(note));
	const listed = new Map<string, ListedObject>();
	const prefix = jobPrefix(jobId);
	for (const object of await listObjects(store, bucket, prefix, signal)) {
		listed.set(object.key, object);
		fold.add(entryOf(object));
	}

	const row = fold.result().rows[0];
	if (!row) throw new NotInInbox(jobId, biobank);
	const covered = (key: string) => key.startsWith(prefix);
	return completeJob({store, bucket, biobank, caches, listed, covered, signal}, row, note, 'job');
}

type JobContext = {
	store: ObjectStore;
	bucket: string;
	biobank: string;
	caches: InboxCaches;
	/** Every object the listings showed, by key. */
	listed: Map<string, ListedObject>;
	/** The listings showed every object under this key's folder: absent means missing. */
	covered: (key: string) => boolean;
	signal?: AbortSignal;
};

/**
 * A row made a job: its note checked, its task.json read, its inputs sized. For the `table`, what
 * cannot matter any more is not read: a settled job's note (its task key is the canonical one
 * either way, and nothing can be done with it) and the bodies of ready and cancelled markers.
 */
async function completeJob(
	context: JobContext,
	row: InboxRow,
	note: ListedObject | undefined,
	detail: 'table' | 'job',
): Promise<InboxJob> {
	const job: InboxJob = {
		jobId: row.jobId,
		user: row.user,
		submittedAt: row.submittedAt,
		status: row.status,
		claimable: row.claimable,
		markers: row.markers,
		results: row.results,
		repairs: [],
		inputs: [],
		instructions: [],
		inputBytes: 0,
		missingInputs: 0,
	};
	const brief = detail === 'table' && row.settled;
	job.holder = brief ? undefined : await statusHolder(context, row);
	const request: RequestNote | undefined = brief
		? {
				ok: true,
				taskKey: biobankTaskKey(row.jobId, context.biobank),
				user: row.user,
				jobId: row.jobId,
				biobank: context.biobank,
			}
		: note
			? await readNote(context, row, note)
			: undefined;
	if (!request?.ok) {
		job.problems = [
			{path: 'request', message: request?.reason ?? 'The inbox note could not be read.'},
		];
		return job;
	}

	const taskObject = context.listed.get(request.taskKey);
	if (!taskObject) {
		job.problems = [
			{path: '', message: `This biobank's task.json (${request.taskKey}) does not exist.`},
		];
		return job;
	}

	if (taskObject.bytes > maxTaskBytes) {
		job.problems = [
			{
				path: '',
				message: `task.json is ${taskObject.bytes} bytes; a job description is at most ${maxTaskBytes} bytes, so it was not read.`,
			},
		];
		return job;
	}

	const read = await orMissing(() =>
		context.caches.tasks.read(context.store, context.bucket, request.taskKey, taskObject.hash, {
			jobId: row.jobId,
			signal: context.signal,
		}),
	);
	if (read === undefined) {
		job.problems = [{path: '', message: `task.json (${request.taskKey}) was deleted.`}];
		return job;
	}

	if (!read.ok) {
		job.problems = read.problems;
		return job;
	}

	const {task} = read;
	job.task = task;
	job.repairs = read.repairs;
	job.analysisType = analysisTypeOf(task, builtInCatalogue);
	job.inputs = await Promise.all(
		task.inputs.map((input) =>
			jobFile(context, {
				name: input.name,
				path: input.path,
				bucket: input.bucket,
				object: input.object,
			}),
		),
	);
	job.instructions = await Promise.all(
		task.instructions.map((instruction) => {
			const name = instructionFileName(instruction.object);
			return jobFile(context, {name, path: name, ...instruction});
		}),
	);
	job.inputBytes = job.inputs.reduce((total, input) => total + (input.bytes ?? 0), 0);
	job.missingInputs = [...job.inputs, ...job.instructions].filter((file) => file.missing).length;
	const plan = planDownload(task);
	if (!plan.ok) {
		job.problems = [{path: plan.path, message: plan.reason}];
	}

	try {
		outputsFor(task, context.biobank);
	} catch (error) {
		// A path the reader accepts can still make a result key longer than Swift allows.
		job.problems = [{path: 'outputs', message: (error as Error).message}];
	}

	if (!task.biobanks.includes(context.biobank)) {
		job.problems = [
			{path: 'biobanks', message: `does not name ${context.biobank}, yet the job is in its inbox.`},
		];
	}

	return job;
}

async function readNote(
	context: JobContext,
	row: InboxRow,
	note: ListedObject,
): Promise<RequestNote> {
	const cached = context.caches.inbox.note(note.key, note.hash);
	if (cached) return cached;
	let parsed: RequestNote;
	if (note.bytes > maxNoteBytes) {
		parsed = {ok: false, reason: `The request note is ${note.bytes} bytes: not a task key.`};
	} else {
		const body = await orMissing(() => readText(context, note.key));
		parsed =
			body === undefined
				? {ok: false, reason: 'The request note was deleted.'}
				: parseRequestNote(body, {jobId: row.jobId, biobank: context.biobank});
	}

	context.caches.inbox.rememberNote(note.key, note.hash, parsed);
	return parsed;
}

const holderMarker: Partial<Record<BiobankStatus, string>> = {
	processing: 'processing',
	ready: 'ready',
	failed: 'failed',
	declined: 'declined',
	cancelled: 'cancelled',
};

async function statusHolder(context: JobContext, row: InboxRow): Promise<StatusHolder | undefined> {
	const name = holderMarker[row.status];
	const marker = row.markers.find((candidate) => candidate.name === name);
	const listed = marker && context.listed.get(marker.key);
	if (!name || !marker || !listed) return undefined;
	const cached = context.caches.inbox.marker(listed.key, listed.hash);
	if (cached) return {marker: name, ...cached};
	if (listed.bytes > maxMarkerBytes) return {marker: name};
	const body = await orMissing(() => readText(context, listed.key));
	if (body === undefined) return {marker: name};
	const parsed = parseMarkerBody(body);
	context.caches.inbox.rememberMarker(listed.key, listed.hash, parsed);
	return {marker: name, ...parsed};
}

async function jobFile(context: JobContext, file: Omit<JobFile, 'missing'>): Promise<JobFile> {
	if (file.bucket === context.bucket && context.covered(file.object)) {
		const listed = context.listed.get(file.object);
		return listed ? {...file, bytes: listed.bytes, missing: false} : {...file, missing: true};
	}

	const known = context.caches.inbox.size(file.bucket, file.object);
	if (known) return {...file, bytes: known, missing: false};
	try {
		const head = await context.store.head(
			{container: file.bucket, key: file.object},
			{signal: context.signal},
		);
		context.caches.inbox.rememberSize(file.bucket, file.object, head.bytes);
		return {...file, bytes: head.bytes, missing: false};
	} catch (error) {
		// Not remembered: a missing input may still be uploaded.
		if (!(error instanceof NotFound)) throw error;
		return {...file, missing: true};
	}
}

async function readText(context: JobContext, key: string): Promise<string> {
	const {body} = await context.store.get(
		{container: context.bucket, key},
		{signal: context.signal},
	);
	return text(body);
}

/** A read of an object the listing just showed, which may have been deleted since. */
async function orMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
	try {
		return await read();
	} catch (error) {
		if (error instanceof NotFound) return undefined;
		throw error;
	}
}

async function listObjects(
	store: ObjectStore,
	bucket: string,
	prefix: string,
	signal?: AbortSignal,
): Promise<ListedObject[]> {
	const objects: ListedObject[] = [];
	for await (const entry of store.list(bucket, {prefix, signal})) {
		if (entry.kind === 'object') objects.push(entry);
	}

	return objects;
}

function entryOf(object: ListedObject): ListingEntry {
	return {key: object.key, bytes: object.bytes, lastModified: object.lastModified};
}
