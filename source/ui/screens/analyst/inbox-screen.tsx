import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useKeys} from '../../hooks/use-keys.js';
import {useCallback, useMemo, useState} from 'react';
import {useChoice} from '../../components/choice/use-choice.js';
import {FilterLine} from '../../components/filter-line.js';
import {Table} from '../../components/table/table.js';
import {useAgeClock} from '../../time/use-age-clock.js';
import {useRefreshing} from '../../hooks/use-refreshing.js';
import {useTerminalSize} from '../../hooks/use-terminal-size.js';
import {commandFor} from '../../keys.js';
import type {Navigator} from '../../navigation.js';
import {useSession} from '../../session.js';
import {tone} from '../../theme.js';
import {inboxCommands} from './analyst-keys.js';
import {inboxColumns} from './inbox-columns.js';
import {filterInbox, nextInboxFilter, type InboxQuickFilter} from './inbox-filters.js';
import {Freshness} from '../../components/freshness.js';

/** Rows the screen uses besides the table's: header, summary, filter, pager line, footer. */
const chromeRows = 10;

export type InboxScreenProps = {biobank: string; navigate: Navigator; isActive: boolean};

/** The jobs addressed to one biobank, newest first, refreshed live like the researcher's table. */
export function InboxScreen({biobank, navigate, isActive}: InboxScreenProps) {
	const session = useSession();
	const {rows: terminalRows, columns: terminalColumns} = useTerminalSize();
	const [quick, setQuick] = useState<InboxQuickFilter>('all');
	const [filter, setFilter] = useState('');
	const [editingFilter, setEditingFilter] = useState(false);
	const load = useCallback(
		(signal: AbortSignal) => session.analyst.inbox(biobank, {signal}),
		[session, biobank],
	);
	const inbox = useRefreshing(load, session.refreshSeconds * 1000);
	const shown = useMemo(
		() => filterInbox(inbox.data?.jobs ?? [], quick, filter, session.user),
		[inbox.data, quick, filter, session.user],
	);
	const windowSize = Math.max(3, terminalRows - chromeRows);
	const {cursor, offset} = useChoice({
		count: shown.length,
		windowSize,
		isActive: isActive && !editingFilter,
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

	useKeys(
		(input, key) => {
			const command = commandFor(inboxCommands, input, key);
			if (command === 'filter') setEditingFilter(true);
			if (command === 'quickFilter') setQuick(nextInboxFilter);
			if (command === 'refresh') inbox.refresh();
		},
		{isActive: isActive && !editingFilter},
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
					<Text color={tone('accent')}>{quick}</Text>
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
					cursor={cursor}
					offset={offset}
					windowSize={windowSize}
					emptyText={
						filter || quick !== 'all'
							? 'No job matches this filter.'
							: `No requests to ${biobank} yet.`
					}
				/>
			) : null}
			<FilterLine
				value={filter}
				editing={editingFilter}
				onChange={setFilter}
				onDone={(value) => {
					setFilter(value);
					setEditingFilter(false);
				}}
			/>
		</Box>
	);
}
