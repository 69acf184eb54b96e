import type {ResearcherJob} from '../../../jobs/researcher/load-jobs.js';
import {filterWords, searchableTextOf} from '../../components/table/searchable-text.js';

/** The quick filters `tab` cycles through, in order. */
export const quickFilters = ['all', 'active', 'needs attention', 'ready to download'] as const;

export type QuickFilter = (typeof quickFilters)[number];

export function nextQuickFilter(current: QuickFilter): QuickFilter {
	return quickFilters[(quickFilters.indexOf(current) + 1) % quickFilters.length] ?? 'all';
}

const matchesQuick: Record<QuickFilter, (job: ResearcherJob) => boolean> = {
	all: () => true,
	active: (job) => ['waiting', 'processing'].includes(job.status.summary.state),
	'needs attention': (job) =>
		job.problems !== undefined ||
		job.status.summary.failed > 0 ||
		job.status.summary.state === 'not-submitted',
	'ready to download': (job) => job.status.summary.downloadable,
};

/** The words a `/` filter searches: id, name, type, requester e-mail, biobanks and statuses. */
const searchableText = searchableTextOf((job: ResearcherJob) => [
	job.row.jobId,
	job.about?.name,
	job.about?.description,
	job.about?.requestor,
	...job.status.biobanks.map((state) => `${state.biobank} ${state.status}`),
	job.status.summary.state,
	job.problems ? 'invalid task' : '',
]);

export function filterJobs(
	jobs: readonly ResearcherJob[],
	quick: QuickFilter,
	text: string,
): ResearcherJob[] {
	const words = filterWords(text);
	return jobs.filter((job) => {
		if (!matchesQuick[quick](job)) return false;
		if (words.length === 0) return true;
		const haystack = searchableText(job);
		return words.every((word) => haystack.includes(word));
	});
}
