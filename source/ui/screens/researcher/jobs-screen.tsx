import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useCallback, useMemo} from 'react';
import type {ResearcherJob, ResearcherJobs} from '../../../jobs/researcher/load-jobs.js';
import {builtInCatalogue} from '../../../protocol/catalogue.js';
import {useChoice} from '../../components/choice/use-choice.js';
import {FilterLine} from '../../components/filter-line.js';
import {Freshness} from '../../components/freshness.js';
import {jobStateLooks, statusLooks} from '../../components/status-glyph.js';
import {Table, toned, type Column} from '../../components/table/table.js';
import {useTableFilters} from '../../components/table/use-table-filters.js';
import {useTableSort} from '../../components/table/use-table-sort.js';
import {jobOrders} from './job-orders.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useRefreshing} from '../../hooks/use-refreshing.js';
import {useTerminalSize} from '../../hooks/use-terminal-size.js';
import {withReasons} from '../../keys.js';
import type {Navigator} from '../../navigation.js';
import {useSession} from '../../session.js';
import {tone} from '../../theme.js';
import {age} from '../../time/age.js';
import {useAgeClock} from '../../time/use-age-clock.js';
import {downloadRefusal} from './download-refusal.js';
import {filterJobs, quickFilters} from './job-filters.js';
import {researcherCommands} from './researcher-keys.js';
import {displayText, shown} from '../../../text/display-text.js';
import {useResearcherMarks} from '../../seen/use-table-marks.js';

/** Rows the screen itself uses besides the table's: header, summary line, filter, pager, footer. */
const chromeRows = 10;

export function JobsScreen({navigate, isActive}: {navigate: Navigator; isActive: boolean}) {
	const session = useSession();
	const {rows: terminalRows, columns: terminalColumns} = useTerminalSize();
	const load = useCallback(
		(signal: AbortSignal, publish: (partial: ResearcherJobs) => void) =>
			session.researcher.jobs({signal, onProgress: publish}),
		[session],
	);
	const jobs = useRefreshing(load, session.refreshSeconds * 1000);
	const changed = useResearcherMarks(session, jobs.data?.jobs);
	const filters = useTableFilters(jobs.data?.jobs ?? noJobs, quickFilters, '', filterJobs);
	const sort = useTableSort(filters.shown, jobOrders);
	const visible = sort.sorted;
	const rowKeys = useMemo(() => visible.map((job) => job.row.jobId), [visible]);
	const windowSize = Math.max(3, terminalRows - chromeRows);
	const {cursor, offset, currentCursor} = useChoice({
		count: visible.length,
		windowSize,
		isActive: isActive && !filters.editing,
		rowKeys,
		onOpen: (index) => {
			const job = visible[index];
			if (job) navigate({type: 'push', screen: {name: 'researcher-job', jobId: job.row.jobId}});
		},
	});
	// The ages on screen (the rows in view, "updated … ago") move only when their labels do.
	const now = useAgeClock([
		...visible.slice(offset, offset + windowSize).map((job) => job.row.submittedAt * 1000),
		...(jobs.updatedAt === undefined ? [] : [jobs.updatedAt]),
	]);
	const selected = visible[cursor];
	const bindings = [
		...filters.clear,
		...withReasons(researcherCommands, {
			download: selected ? downloadRefusal(selected.status.biobanks) : 'there is no job here',
		}),
		...filters.bindings,
		...sort.bindings,
	];
	useKeymap(
		bindings,
		(command) => {
			if (command === 'refresh') jobs.refresh();
			else if (command === 'newRequest') navigate({type: 'push', screen: {name: 'new-request'}});
			else if (command === 'download') {
				const job = visible[currentCursor()];
				if (job) navigate({type: 'push', screen: {name: 'download-results', jobId: job.row.jobId}});
			} else if (command === 'sort') sort.next();
			else filters.run(command);
		},
		{isActive: isActive && !filters.editing, title: 'my jobs'},
	);

	const biobanks = useMemo(() => {
		const known = builtInCatalogue.biobanks.map((biobank) => biobank.id);
		return [...known, ...(jobs.data?.biobanks ?? []).filter((biobank) => !known.includes(biobank))];
	}, [jobs.data]);
	const columns = useMemo(
		() => jobColumns(biobanks, now, terminalColumns),
		[biobanks, now, terminalColumns],
	);

	return (
		<Box flexDirection="column">
			<Box justifyContent="space-between">
				<Text>
					<Text bold>{visible.length}</Text> of {jobs.data?.jobs.length ?? 0} jobs ·{' '}
					{changed.size > 0 ? <Text bold>{`${changed.size} changed · `}</Text> : null}
					<Text color={tone('accent')}>{filters.quick}</Text>
					{sort.order === 'newest first' ? null : ` · ${sort.order}`}
				</Text>
				<Freshness updatedAt={jobs.updatedAt} error={jobs.error} loading={jobs.loading} now={now} />
			</Box>
			{jobs.data === undefined && jobs.loading ? (
				<Text color={tone('muted')}>Listing your jobs…</Text>
			) : null}
			{jobs.data ? (
				<Table
					columns={columns}
					rows={visible}
					rowKey={(job) => job.row.jobId}
					marked={(job) => changed.has(job.row.jobId)}
					cursor={cursor}
					offset={offset}
					windowSize={windowSize}
					emptyText={
						filters.text || filters.quick !== 'all' ? 'No job matches this filter.' : 'No jobs yet.'
					}
				/>
			) : null}
			<FilterLine {...filters.filterLine} />
		</Box>
	);
}

const noJobs: ResearcherJob[] = [];

/**
 * The table's columns at a terminal `width` wide: type, age, one per biobank and the state are
 * fixed; the name gets what is left (at least 12, at most 40), so a row never outgrows the line.
 */
function jobColumns(biobanks: string[], now: number, width: number): Array<Column<ResearcherJob>> {
	// Cursor (2), then each column with the one space after it.
	const fixed = 2 + (9 + 1) + (4 + 1) + biobanks.length * (5 + 1) + (12 + 1) + 1;
	return [
		{
			title: 'Job',
			width: Math.min(40, Math.max(12, width - fixed)),
			cell: (job) =>
				job.about
					? displayText(job.about.name, 200)
					: job.problems || job.pending
						? shown`${job.row.jobId}`
						: shown`${job.row.jobId} (incomplete)`,
		},
		{
			title: 'Type',
			width: 9,
			cell: (job) =>
				job.about
					? displayText(job.about.type, 10)
					: job.problems
						? shown`invalid`
						: job.pending
							? shown`…`
							: shown``,
		},
		{
			title: 'Age',
			width: 4,
			align: 'right',
			cell: (job) => shown`${age(job.row.submittedAt * 1000, now)}`,
		},
		...biobanks.map((biobank): Column<ResearcherJob> => ({
			title: biobank.slice(0, 5),
			width: 5,
			cell: (job) => {
				const state = job.status.biobanks.find((candidate) => candidate.biobank === biobank);
				const look = statusLooks[state?.status ?? 'not-targeted'];
				return toned(shown`${look.glyph}`, look.tone);
			},
		})),
		{
			title: 'State',
			width: 12,
			cell: (job) => {
				if (job.problems) return toned(shown`invalid task`, 'bad');
				const look = jobStateLooks[job.status.summary.state];
				return toned(shown`${look.glyph} ${look.word}`, look.tone);
			},
		},
	];
}
