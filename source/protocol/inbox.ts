import {jobSeconds, type JobId} from './job-id.js';
import {markerKey, parseKey, requestsPrefix, statusPrefix} from './keys.js';
import {
	fileOf,
	foldListing,
	type Fold,
	type ListingEntry,
	type MarkerFile,
	type StoredFile,
} from './listing.js';
import {biobankStatus, isClaimable, isSettled, type BiobankStatus} from './status.js';

/** One request to a biobank: a row of the analyst's table. */
export type InboxRow = {
	jobId: JobId;
	user: string;
	/** Unix seconds, from the job id. */
	submittedAt: number;
	/** The inbox note `<biobank>/requests/<jobid>`. */
	request: StoredFile;
	/** This biobank's task.json was seen (only when the listing covered the job's folder). */
	hasTask: boolean;
	markers: MarkerFile[];
	/** From the markers seen: `not-submitted` until the job's status folder has been listed. */
	status: BiobankStatus;
	results: StoredFile[];
	/** Waiting for an analyst: the only state in which the job is offered for a claim. */
	claimable: boolean;
	/** No marker can change it any more: its status folder need not be listed again. */
	settled: boolean;
};

export type Inbox = {
	biobank: string;
	/** In the order the notes were listed (Swift lists by key: by job id). */
	rows: InboxRow[];
	/** Keys under this biobank's `requests/` that are not a job id. */
	ignored: string[];
};

type Draft = {
	hasTask: boolean;
	markers: MarkerFile[];
	results: StoredFile[];
};

/**
 * Builds one biobank's inbox from the listing of `<biobank>/requests/` and, in any order, listings
 * of the jobs' folders (all of `jobs/`, or each job's `<biobank>/status/` prefix). Entries of
 * other biobanks are skipped; only jobs with an inbox note become rows. One linear pass.
 */
export function createInboxFold(biobank: string): Fold<Inbox> {
	const drafts = new Map<JobId, Draft>();
	// A Map keeps insertion order: the rows come out in the order the notes were listed.
	const requests = new Map<JobId, {user: string; request: StoredFile}>();
	const ignored: string[] = [];
	const inboxPrefix = requestsPrefix(biobank);

	const draftOf = (jobId: JobId): Draft => {
		let draft = drafts.get(jobId);
		if (!draft) {
			draft = {hasTask: false, markers: [], results: []};
			drafts.set(jobId, draft);
		}

		return draft;
	};

	return {
		add(entry: ListingEntry) {
			const key = parseKey(entry.key);
			if (key.kind === 'unknown') {
				if (entry.key.startsWith(inboxPrefix)) {
					ignored.push(entry.key);
				}

				return;
			}

			if (
				key.kind === 'task' ||
				key.kind === 'reservation' ||
				key.kind === 'input' ||
				key.biobank !== biobank
			) {
				return;
			}

			if (key.kind === 'request') {
				requests.set(key.jobId, {user: key.user, request: fileOf(entry, key.jobId)});
				return;
			}

			const draft = draftOf(key.jobId);
			switch (key.kind) {
				case 'biobank-task': {
					draft.hasTask = true;
					break;
				}

				case 'marker': {
					draft.markers.push(fileOf(entry, key.marker));
					break;
				}

				case 'result': {
					draft.results.push(fileOf(entry, key.file));
					break;
				}
			}
		},

		result(): Inbox {
			const rows = [...requests].map(([jobId, {user, request}]): InboxRow => {
				const draft = drafts.get(jobId) ?? {hasTask: false, markers: [], results: []};
				const status = biobankStatus(draft.markers);
				return {
					jobId,
					user,
					submittedAt: jobSeconds(jobId),
					request,
					hasTask: draft.hasTask,
					markers: [...draft.markers],
					status,
					results: [...draft.results],
					claimable: isClaimable(status),
					settled: isSettled(status),
				};
			});
			return {biobank, rows, ignored: [...ignored]};
		},
	};
}

export function buildInbox(biobank: string, entries: Iterable<ListingEntry>): Inbox {
	const fold = createInboxFold(biobank);
	for (const entry of entries) {
		fold.add(entry);
	}

	return fold.result();
}

export async function buildInboxAsync(
	biobank: string,
	entries: AsyncIterable<ListingEntry> | Iterable<ListingEntry>,
): Promise<Inbox> {
	return foldListing(createInboxFold(biobank), entries);
}

/** The status folders still worth listing: those of the rows whose state can still change. */
export function openStatusPrefixes(inbox: Inbox): string[] {
	return inbox.rows
		.filter((row) => !row.settled)
		.map((row) => statusPrefix(row.jobId, inbox.biobank));
}

/** The key an analyst claims with `If-None-Match: *`, so that two analysts cannot both start. */
export function claimKey(jobId: JobId, biobank: string): string {
	return markerKey(jobId, biobank, 'processing');
}
