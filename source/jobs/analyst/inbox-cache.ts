import type {MarkerBody} from '../../protocol/markers.js';
import type {RequestNote} from '../../protocol/request-note.js';
import type {ListedObject} from '../../storage/store.js';

/**
 * What an inbox refresh need not ask again: inbox notes and markers read once per ETag, the
 * listings of jobs whose state can no longer change at this biobank (ready, cancelled), and the
 * sizes of inputs stored outside the job's folder (a pipeline's tarball, shared by many jobs).
 */
export class InboxCache {
	private readonly notes = new Map<string, {hash: string; note: RequestNote}>();
	private readonly markers = new Map<string, {hash: string; body: MarkerBody}>();
	private readonly settled = new Map<string, ListedObject[]>();
	private readonly sizes = new Map<string, number>();
	private readonly loadedInboxes = new Set<string>();

	/** The inbox of `biobank` was loaded in full once: later loads need list only what can change. */
	loaded(biobank: string): boolean {
		return this.loadedInboxes.has(biobank);
	}

	markLoaded(biobank: string): void {
		this.loadedInboxes.add(biobank);
	}

	note(key: string, hash: string): RequestNote | undefined {
		const entry = this.notes.get(key);
		return entry?.hash === hash ? entry.note : undefined;
	}

	rememberNote(key: string, hash: string, note: RequestNote): void {
		this.notes.set(key, {hash, note});
	}

	marker(key: string, hash: string): MarkerBody | undefined {
		const entry = this.markers.get(key);
		return entry?.hash === hash ? entry.body : undefined;
	}

	rememberMarker(key: string, hash: string, body: MarkerBody): void {
		this.markers.set(key, {hash, body});
	}

	/** The listing of a settled job's folder, as seen when it settled at `biobank`. */
	settledListing(biobank: string, jobId: string): ListedObject[] | undefined {
		return this.settled.get(`${biobank}\n${jobId}`);
	}

	rememberSettled(biobank: string, jobId: string, entries: ListedObject[]): void {
		this.settled.set(`${biobank}\n${jobId}`, entries);
	}

	size(container: string, key: string): number | undefined {
		return this.sizes.get(`${container}\n${key}`);
	}

	rememberSize(container: string, key: string, bytes: number): void {
		this.sizes.set(`${container}\n${key}`, bytes);
	}
}
