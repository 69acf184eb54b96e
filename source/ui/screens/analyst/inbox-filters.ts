import type {InboxJob} from '../../../jobs/analyst/load-inbox.js';
import {filterWords, searchableTextOf} from '../../components/table/searchable-text.js';

/** The quick filters `tab` cycles through, in order. */
export const inboxQuickFilters = ['all', 'new', 'mine in progress', 'done'] as const;

export type InboxQuickFilter = (typeof inboxQuickFilters)[number];

export function nextInboxFilter(current: InboxQuickFilter): InboxQuickFilter {
	return (
		inboxQuickFilters[(inboxQuickFilters.indexOf(current) + 1) % inboxQuickFilters.length] ?? 'all'
	);
}

/** `mine in progress`: claimed by the analyst signed in; `done`: nothing more will happen here. */
function matchesQuick(quick: InboxQuickFilter, job: InboxJob, analyst: string): boolean {
	switch (quick) {
		case 'all':
			return true;
		case 'new':
			return job.status === 'waiting';
		case 'mine in progress':
			return job.status === 'processing' && job.holder?.by === analyst;
		case 'done':
			return ['ready', 'failed', 'declined', 'cancelled'].includes(job.status);
	}
}

/** The words a `/` filter searches: id, requester, name, type, status, who holds it, problems. */
const searchableText = searchableTextOf((job: InboxJob) => [
	job.jobId,
	job.user,
	job.task?.name.slice(0, 500),
	job.task?.requestor.slice(0, 200),
	job.analysisType,
	job.status,
	job.holder?.by,
	job.problems ? 'invalid task' : '',
]);

export function filterInbox(
	jobs: readonly InboxJob[],
	quick: InboxQuickFilter,
	text: string,
	analyst: string,
): InboxJob[] {
	const words = filterWords(text);
	return jobs.filter((job) => {
		if (!matchesQuick(quick, job, analyst)) return false;
		if (words.length === 0) return true;
		const haystack = searchableText(job);
		return words.every((word) => haystack.includes(word));
	});
}
