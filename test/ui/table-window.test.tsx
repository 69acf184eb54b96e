import test from 'ava';
import {render} from 'ink-testing-library';
import {Table, type Column} from '../../source/ui/components/table/table.js';
import {useChoice} from '../../source/ui/components/choice/use-choice.js';
import {KeyDispatcher} from '../../source/ui/hooks/use-keys.js';
import {frameMatching} from './render-with-session.js';
import {shown} from '../../source/text/display-text.js';

type Row = {id: string};
const rows: Row[] = Array.from({length: 10_000}, (_, index) => ({
	id: `job-${String(index + 1).padStart(5, '0')}`,
}));
const columns: Array<Column<Row>> = [{title: 'Job', width: 12, cell: (row) => shown`${row.id}`}];

function Windowed() {
	const {cursor, offset} = useChoice({count: rows.length, windowSize: 10});
	return (
		<Table
			columns={columns}
			rows={rows}
			rowKey={(row) => row.id}
			cursor={cursor}
			offset={offset}
			windowSize={10}
		/>
	);
}

test('a table of 10,000 rows draws only the rows in its window', (t) => {
	const {lastFrame, unmount} = render(
		<KeyDispatcher>
			<Windowed />
		</KeyDispatcher>,
	);
	t.teardown(unmount);
	const lines = (lastFrame() ?? '').split('\n');
	t.is(lines.length, 12, 'a header, ten rows and the pager line');
	t.regex(lines[1] ?? '', /❯ job-00001/u);
	t.regex(lines[11] ?? '', /1–10 of 10000/u);
});

test('G jumps to the last of 10,000 rows and PgUp moves back a page', async (t) => {
	const {lastFrame, stdin, unmount} = render(
		<KeyDispatcher>
			<Windowed />
		</KeyDispatcher>,
	);
	t.teardown(unmount);
	stdin.write('G');
	const last = await frameMatching(lastFrame, /❯ job-10000/u);
	t.regex(last, /9991–10000 of 10000/u);
	stdin.write('\u001B[5~');
	const pageUp = await frameMatching(lastFrame, /❯ job-09991/u);
	t.regex(pageUp, /9991–10000 of 10000/u);
});
