import test from 'ava';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {seedDemo} from '../../../source/demo/seed-demo.js';
import {createLocalStore} from '../../../source/storage/local/local-store.js';
import {JobsScreen} from '../../../source/ui/screens/researcher/jobs-screen.js';
import {frameMatching, renderWithSession, testSession} from '../render-with-session.js';

const root = await mkdtemp(join(tmpdir(), 'ivjm-table-sort-'));
const bucket = 'project_2004504-intervene-tasks';
const store = createLocalStore({root});
await seedDemo(store, bucket, Date.UTC(2026, 10, 25, 12, 0, 0));
test.after.always(async () => rm(root, {recursive: true, force: true}));

const names = ['Smoking PRS', 'Withdrawn', 'BMI GWAS', 'Height PGS', 'PRS pipeline check'];
/** The demo jobs' names in the order the frame shows them. */
const orderIn = (frame: string) =>
	names
		.map((name) => ({name, at: frame.indexOf(name)}))
		.sort((a, b) => a.at - b.at)
		.map(({name}) => name);

test('s sorts the jobs table by state, then by name, then back to newest first; the cursor stays on its job', async (t) => {
	const {lastFrame, stdin, unmount} = renderWithSession(
		testSession(store, bucket, 'jdoe'),
		<JobsScreen navigate={() => undefined} isActive />,
	);
	t.teardown(unmount);
	const first = await frameMatching(lastFrame, /PRS pipeline check/u);
	t.deepEqual(orderIn(first), names, 'newest first when opened');
	stdin.write('j');
	await frameMatching(lastFrame, /❯ Withdrawn/u);

	stdin.write('s');
	const byState = await frameMatching(lastFrame, /5 of 5 jobs · all · by state/u);
	// Ready first, then processing (newest first among equals), waiting, cancelled.
	t.deepEqual(orderIn(byState), [
		'PRS pipeline check',
		'BMI GWAS',
		'Height PGS',
		'Smoking PRS',
		'Withdrawn',
	]);
	t.regex(byState, /❯ Withdrawn/u, 'the cursor followed its job');

	stdin.write('s');
	const byName = await frameMatching(lastFrame, /· by name/u);
	t.deepEqual(orderIn(byName), [
		'BMI GWAS',
		'Height PGS',
		'PRS pipeline check',
		'Smoking PRS',
		'Withdrawn',
	]);

	stdin.write('s');
	const back = await frameMatching(lastFrame, /5 of 5 jobs · all\s+updated/u);
	t.deepEqual(orderIn(back), names);
});
