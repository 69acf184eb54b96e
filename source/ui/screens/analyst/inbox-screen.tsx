import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useCallback, useMemo} from 'react';
import type {InboxJob} from '../../../jobs/analyst/load-inbox.js';
import {useChoice} from '../../components/choice/use-choice.js';
import {FilterLine} from '../../components/filter-line.js';
import {Table} from '../../components/table/table.js';
import {useTableFilters} from '../../components/table/use-table-filters.js';
import {useTableSort} from '../../components/table/use-table-sort.js';
import {inboxOrders} from './inbox-orders.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useAgeClock} from '../../time/use-age-clock.js';
import {useRefreshing} from '../../hooks/use-refreshing.js';
import {useTerminalSize} from '../../hooks/use-terminal-size.js';
import type {Navigator} from '../../navigation.js';
import {useSession} from '../../session.js';
import {tone} from '../../theme.js';
import {inboxCommands} from './analyst-keys.js';
import {inboxColumns} from './inbox-columns.js';
import {filterInbox, inboxQuickFilters, type InboxQuickFilter} from './inbox-filters.js';
import {Freshness} from '../../components/freshness.js';
import {useInboxMarks} from '../../seen/use-table-marks.js';

/** Rows the screen uses besides the table's: header, summary, filter, pager line, footer. */
const chromeRows = 10;

export type InboxScreenProps = {biobank: string; navigate: Navigator; isActive: boolean};

/** The jobs addressed to one biobank, newest first, refreshed live like the researcher's table. */
export function InboxScreen({biobank, navigate, isActive}: InboxScreenProps) {
	const session = useSession();
	const {rows: terminalRows, columns: terminalColumns} = useTerminalSize();
	const load = useCallback(
		(signal: AbortSignal) => session.analyst.inbox(biobank, {signal}),
		[session, biobank],
	);
	const inbox = useRefreshing(load, session.refreshSeconds * 1000);
	const changed = useInboxMarks(session, biobank, inbox.data?.jobs);
	const matches = useCallback(
		(jobs: readonly InboxJob[], quick: InboxQuickFilter, text: string) =>
			filterInbox(jobs, quick, text, session.user),
		[session.user],
	);
	const filters = useTableFilters(inbox.data?.jobs ?? noJobs, inboxQuickFilters, '', matches);
	const sort = useTableSort(filters.shown, inboxOrders);
	const shown = sort.sorted;
	const rowKeys = useMemo(() => shown.map((job) => job.jobId), [shown]);
	const windowSize = Math.max(3, terminalRows - chromeRows);
	const {cursor, offset} = useChoice({
		count: shown.length,
		windowSize,
		isActive: isActive && !filters.editing,
		rowKeys,
		onOpen: (index) => {
			const job = shown[index];
			if (job) navigate({type: 'push', screen: {name: 'analyst-job', biobank, jobId: job.jobId}});
		},
	});

	// The ages on screen (the rows in view, "updated … ago") move only when their labels do.
	const now = useAgeClock([
		...shown.slice(offset, offset + windowSize).map((job) => job.submittedAt * 1000),
		...(inbox.updatedAt === undefined ? [] : [inbox.updatedAt]),
	]);
	useKeymap(
		[...filters.clear, ...inboxCommands, ...filters.bindings, ...sort.bindings],
		(command) =>
			command === 'refresh'
				? inbox.refresh()
				: command === 'sort'
					? sort.next()
					: filters.run(command),
		{isActive: isActive && !filters.editing, title: `${biobank} inbox`},
	);

	const columns = useMemo(
		() => inboxColumns(session.user, now, terminalColumns),
		[session.user, now, terminalColumns],
	);
	const waiting = inbox.data?.jobs.filter((job) => job.status === 'waiting').length ?? 0;

	return (
		<Box flexDirection="column">
			<Box justifyContent="space-between">
				<Text>
					<Text bold>{biobank}</Text> · <Text bold>{shown.length}</Text> of{' '}
					{inbox.data?.jobs.length ?? 0} jobs · {waiting} new ·{' '}
					{changed.size > 0 ? <Text bold>{`${changed.size} unseen · `}</Text> : null}
					<Text color={tone('accent')}>{filters.quick}</Text>
					{sort.order === 'newest first' ? null : ` · ${sort.order}`}
				</Text>
				<Freshness
					updatedAt={inbox.updatedAt}
					error={inbox.error}
					loading={inbox.loading}
					now={now}
				/>
			</Box>
			{inbox.data === undefined && inbox.loading ? (
				<Text color={tone('muted')}>Listing the requests to {biobank}…</Text>
			) : null}
			{inbox.data ? (
				<Table
					columns={columns}
					rows={shown}
					rowKey={(job) => job.jobId}
					marked={(job) => changed.has(job.jobId)}
					cursor={cursor}
					offset={offset}
					windowSize={windowSize}
					emptyText={
						filters.text || filters.quick !== 'all'
							? 'No job matches this filter.'
							: `No requests to ${biobank} yet.`
					}
				/>
			) : null}
			<FilterLine {...filters.filterLine} />
		</Box>
	);
}

const noJobs: InboxJob[] = [];
