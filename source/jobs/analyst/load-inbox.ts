import {createInboxFold} from '../../protocol/inbox.js';
import {jobPrefix, jobsPrefix, requestKey, requestsPrefix} from '../../protocol/keys.js';
import type {ListedObject, ObjectStore} from '../../storage/store.js';
import {mapLimit} from '../../util/map-limit.js';
import type {TaskCache} from '../task-cache.js';
import {NotInInbox} from './analyst-errors.js';
import {completeJob} from './complete-job.js';
import type {AnalystInbox, InboxJob} from './inbox-job.js';
import {entryOf, listObjects, type JobContext} from './inbox-reads.js';
import type {InboxCache} from './inbox-cache.js';

export type {AnalystInbox, InboxJob, JobFile, StatusHolder} from './inbox-job.js';
export {maxTaskBytes} from './inbox-reads.js';

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
