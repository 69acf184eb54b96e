import {text} from 'node:stream/consumers';
import type {InboxRow} from '../../protocol/inbox.js';
import type {ListingEntry} from '../../protocol/listing.js';
import {parseMarkerBody} from '../../protocol/markers.js';
import {parseRequestNote, type RequestNote} from '../../protocol/request-note.js';
import type {BiobankStatus} from '../../protocol/status.js';
import {NotFound} from '../../storage/errors/index.js';
import type {ListedObject, ObjectStore} from '../../storage/store.js';
import type {JobFile, StatusHolder} from './inbox-job.js';
import type {InboxCaches} from './load-inbox.js';

/** The small reads behind an inbox row: listings, the note, marker bodies, input sizes. */

/** A job description is about a kilobyte; a bigger one is refused unread. */
export const maxTaskBytes = 1024 * 1024;
export const maxNoteBytes = 4096;
export const maxMarkerBytes = 64 * 1024;

export type JobContext = {
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

export async function readNote(
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

export async function statusHolder(
	context: JobContext,
	row: InboxRow,
): Promise<StatusHolder | undefined> {
	return markerHolder(context, row, holderMarker[row.status]);
}

/** A failure or refusal that a later claim (processing, ready) took up again, with its body. */
export async function earlierHolder(
	context: JobContext,
	row: InboxRow,
): Promise<StatusHolder | undefined> {
	if (row.status !== 'processing' && row.status !== 'ready') return undefined;
	const earlier = row.markers.find(
		(marker) => marker.name === 'failed' || marker.name === 'declined',
	);
	return markerHolder(context, row, earlier?.name);
}

/** The body of the marker `name` at this biobank (who, when, why), read once per ETag. */
async function markerHolder(
	context: JobContext,
	row: InboxRow,
	name: string | undefined,
): Promise<StatusHolder | undefined> {
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

export async function jobFile(
	context: JobContext,
	file: Omit<JobFile, 'missing'>,
): Promise<JobFile> {
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
export async function orMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
	try {
		return await read();
	} catch (error) {
		if (error instanceof NotFound) return undefined;
		throw error;
	}
}

export async function listObjects(
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

export function entryOf(object: ListedObject): ListingEntry {
	return {key: object.key, bytes: object.bytes, lastModified: object.lastModified};
}
