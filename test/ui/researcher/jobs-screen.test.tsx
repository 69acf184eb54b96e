import test, {type ExecutionContext} from 'ava';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {seedDemo} from '../../../source/demo/seed-demo.js';
import {createLocalStore} from '../../../source/storage/local/local-store.js';
import type {ObjectStore} from '../../../source/storage/store.js';
import {JobsScreen} from '../../../source/ui/screens/researcher/jobs-screen.js';
import {copyFixtureObjects, pythonToolsFixture} from '../../helpers/fixtures-store.js';
import {frameMatching, renderWithSession, testSession} from '../render-with-session.js';

const root = await mkdtemp(join(tmpdir(), 'ivjm-jobs-screen-'));
const bucket = 'project_2004504-intervene-tasks';
const store = createLocalStore({root});
// A fixed seeding time: job ages and ids come out the same in every run.
await seedDemo(store, bucket, Date.UTC(2026, 10, 25, 12, 0, 0));
test.after.always(async () => rm(root, {recursive: true, force: true}));

const navigateNowhere = () => undefined;

/** The jobs screen over the demo jobs, once its rows have loaded. */
async function openDemoJobs(t: ExecutionContext) {
	const {lastFrame, stdin, unmount} = renderWithSession(
		testSession(store, bucket, 'jdoe'),
		<JobsScreen navigate={navigateNowhere} isActive />,
	);
	t.teardown(unmount);
	const frame = await frameMatching(lastFrame, /PRS pipeline check/u);
	return {frame, lastFrame, stdin};
}

function rowOf(frame: string, name: string): string {
	return frame.split('\n').find((line) => line.includes(name)) ?? '';
}

test('each biobank column shows the glyph of its status, and the state column says it in words', async (t) => {
	const {frame} = await openDemoJobs(t);
	t.regex(frame, /Job\s+Type\s+Age\s+HUS\s+Eston\s+HUNT\s+FIMM\s+CSC\s+State/u);
	t.regex(rowOf(frame, 'PRS pipeline check'), /prspipe\s+\d+d\s+✔\s+·\s+✔\s+✔\s+·\s+✔ ready/u);
	t.regex(rowOf(frame, 'BMI GWAS'), /other\s+\d+d\s+✘\s+·\s+·\s+⊘\s+◐\s+◐ processing/u);
	t.regex(rowOf(frame, 'Withdrawn'), /·\s+–\s+–\s+·\s+·\s+– cancelled/u);
	t.regex(rowOf(frame, 'Smoking PRS'), /○\s+○\s+○\s+○\s+○\s+○ waiting/u);
	t.regex(rowOf(frame, 'Height PGS'), /pgsc_calc\s+\d+d\s+·\s+✔\s+◐\s+○\s+·\s+◐ processing/u);
	t.regex(frame, /5 of 5 jobs · all/u);
});

test('the newest job comes first', async (t) => {
	const {frame} = await openDemoJobs(t);
	const order = ['Smoking PRS', 'Withdrawn', 'BMI GWAS', 'Height PGS', 'PRS pipeline check'].map(
		(name) => frame.indexOf(name),
	);
	t.deepEqual(
		order,
		[...order].sort((a, b) => a - b),
	);
});

test('/ filters by any text, and esc clears the filter', async (t) => {
	const {lastFrame, stdin} = await openDemoJobs(t);
	stdin.write('/');
	await frameMatching(lastFrame, /type to filter/u);
	stdin.write('declined\r');
	const filtered = await frameMatching(lastFrame, /\/declined \(\/ to change, esc to clear\)/u);
	t.regex(filtered, /1 of 5 jobs/u);
	t.regex(filtered, /BMI GWAS/u);
	t.notRegex(filtered, /Smoking PRS/u);
	stdin.write('/');
	await frameMatching(lastFrame, /\/declined$/mu);
	stdin.write('\u001B');
	await frameMatching(lastFrame, /5 of 5 jobs/u);
	t.pass();
});

test('typing on narrows what matched; deleting a letter widens again', async (t) => {
	const {lastFrame, stdin} = await openDemoJobs(t);
	const count = (frame: string) => Number(/(\d+) of 5 jobs/u.exec(frame)?.[1]);
	stdin.write('/');
	await frameMatching(lastFrame, /type to filter/u);
	stdin.write('prs');
	const prs = count(await frameMatching(lastFrame, /^\/prs$/mu));
	t.true(prs >= 2, `prs: ${prs} jobs`);
	stdin.write(' zz');
	t.regex(await frameMatching(lastFrame, /^\/prs zz$/mu), /0 of 5 jobs/u);
	stdin.write('\u007F');
	await frameMatching(lastFrame, /^\/prs z$/mu);
	stdin.write('\u007F\u007F');
	t.is(count(await frameMatching(lastFrame, /^\/prs$/mu)), prs, 'the same jobs as before the z');
	stdin.write(' pipeline');
	const narrowed = await frameMatching(lastFrame, /^\/prs pipeline$/mu);
	t.regex(narrowed, /PRS pipeline check/u);
	t.true(count(narrowed) < prs, `prs pipeline: ${count(narrowed)} of ${prs}`);
});

test('tab cycles the quick filters: active, needs attention, ready to download', async (t) => {
	const {lastFrame, stdin} = await openDemoJobs(t);
	stdin.write('\t');
	const active = await frameMatching(lastFrame, /· active/u);
	t.regex(active, /3 of 5 jobs/u);
	stdin.write('\t');
	const attention = await frameMatching(lastFrame, /· needs attention/u);
	t.regex(attention, /1 of 5 jobs/u);
	t.regex(attention, /BMI GWAS/u);
	stdin.write('\t');
	const ready = await frameMatching(lastFrame, /· ready to download/u);
	t.regex(ready, /1 of 5 jobs/u);
	t.regex(ready, /PRS pipeline check/u);
});

test('a job written by the Python tools shows ready at HUS and FIMM with its name', async (t) => {
	const fixtureRoot = await mkdtemp(join(tmpdir(), 'ivjm-fixture-screen-'));
	t.teardown(() => rm(fixtureRoot, {recursive: true, force: true}));
	const fixtureStore = createLocalStore({root: fixtureRoot});
	await fixtureStore.createContainer(pythonToolsFixture.bucket);
	await copyFixtureObjects(fixtureStore, pythonToolsFixture.bucket);
	const {lastFrame, unmount} = renderWithSession(
		testSession(fixtureStore, pythonToolsFixture.bucket, 'requester'),
		<JobsScreen navigate={navigateNowhere} isActive />,
	);
	t.teardown(unmount);
	const frame = await frameMatching(lastFrame, /e2e-test-task/u);
	t.regex(rowOf(frame, 'e2e-test-task'), /other\s+\S+\s+✔\s+·\s+·\s+✔\s+·\s+✔ ready/u);
});

test('while task.json files are still being read, the rows show the job id and every status already', async (t) => {
	let release: () => void = () => undefined;
	const held = new Promise<void>((resolve) => {
		release = resolve;
	});
	// The real store, its task.json files listed as the Python tools write them (plain
	// text/plain, so they must be read), and every read held back until the test lets it through.
	const slowTasks: ObjectStore = {
		...store,
		async *list(...call: Parameters<typeof store.list>) {
			for await (const entry of store.list(...call)) {
				yield entry.kind === 'object' && entry.key.endsWith('/task.json')
					? {...entry, contentType: 'text/plain'}
					: entry;
			}
		},
		async get(...call: Parameters<typeof store.get>) {
			if (call[0].key.endsWith('/task.json')) await held;
			return store.get(...call);
		},
	};
	const {lastFrame, unmount} = renderWithSession(
		testSession(slowTasks, bucket, 'jdoe'),
		<JobsScreen navigate={navigateNowhere} isActive />,
	);
	t.teardown(unmount);
	const early = await frameMatching(lastFrame, /5 of 5 jobs/u);
	t.notRegex(early, /PRS pipeline check/u);
	const idRows = early.split('\n').filter((line) => /\d+-jdoe\s+…/u.test(line));
	t.is(idRows.length, 5);
	t.true(idRows.some((line) => /✔\s+·\s+✔\s+✔\s+·\s+✔ ready/u.test(line)));
	release();
	const late = await frameMatching(lastFrame, /PRS pipeline check/u);
	t.regex(rowOf(late, 'PRS pipeline check'), /prspipe\s+\d+d\s+✔\s+·\s+✔\s+✔\s+·\s+✔ ready/u);
});
