import type {ResearcherJob} from '../../../jobs/researcher/load-jobs.js';
import type {JobState} from '../../../protocol/status.js';
import type {SortOrder} from '../../components/table/use-table-sort.js';

/** What needs the researcher first: a failure, then results to fetch, then work under way. */
const stateRank: Record<JobState, number> = {
	failed: 0,
	ready: 1,
	processing: 2,
	waiting: 3,
	'not-submitted': 4,
	cancelled: 5,
};

const nameOf = (job: ResearcherJob) => job.about?.name ?? job.row.jobId;

/** The jobs table's orders, `s` cycles them; the first is the loaded one, newest first. */
export const jobOrders: ReadonlyArray<SortOrder<ResearcherJob>> = [
	{name: 'newest first'},
	{
		name: 'by state',
		compare: (a, b) =>
			(a.problems ? -1 : stateRank[a.status.summary.state]) -
			(b.problems ? -1 : stateRank[b.status.summary.state]),
	},
	{name: 'by name', compare: (a, b) => nameOf(a).localeCompare(nameOf(b))},
];
