import type {InboxJob} from '../../../jobs/analyst/inbox-job.js';
import type {BiobankStatus} from '../../../protocol/status.js';
import type {SortOrder} from '../../components/table/use-table-sort.js';

/** What needs the analyst first: new requests, then work under way, then what is done. */
const statusRank: Record<BiobankStatus, number> = {
	waiting: 0,
	processing: 1,
	failed: 2,
	declined: 3,
	ready: 4,
	cancelled: 5,
	'not-submitted': 6,
	'not-targeted': 7,
};

const nameOf = (job: InboxJob) => job.task?.name ?? job.jobId;

/** The inbox's orders, `s` cycles them; the first is the loaded one, newest first. */
export const inboxOrders: ReadonlyArray<SortOrder<InboxJob>> = [
	{name: 'newest first'},
	{
		name: 'by state',
		compare: (a, b) =>
			(a.problems ? -1 : statusRank[a.status]) - (b.problems ? -1 : statusRank[b.status]),
	},
	{name: 'by name', compare: (a, b) => nameOf(a).localeCompare(nameOf(b))},
];
