import test from 'ava';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createLocalStore} from '../../../source/storage/local/local-store.js';
import {JobDetailScreen} from '../../../source/ui/screens/researcher/job-detail-screen.js';
import {JobsScreen} from '../../../source/ui/screens/researcher/jobs-screen.js';
import {seedHostileJobs} from '../../text/hostile-job.js';
import {terminalControls} from '../../text/hostile-strings.js';
import {frameMatching, renderWithSession, testSession} from '../render-with-session.js';

// The researcher's screens with jobs whose every free-text field holds escape sequences (the
// real-Swift and tmux versions are in test/integration/hostile-text.test.ts): not one ESC, BEL,
// C1 or bidi control reaches the frame, and each job still takes one row.
const root = await mkdtemp(join(tmpdir(), 'ivjm-hostile-researcher-'));
const bucket = 'project_2004504-intervene-tasks';
const store = createLocalStore({root});
await store.createContainer(bucket);
const jobIds = await seedHostileJobs(store, bucket, 'jdoe', 1_790_000_000);
test.after.always(async () => rm(root, {recursive: true, force: true}));

const navigateNowhere = () => undefined;

test('the jobs table shows hostile names as stand-ins, one row per job', async (t) => {
	const {lastFrame, unmount} = renderWithSession(
		testSession(store, bucket, 'jdoe'),
		<JobsScreen navigate={navigateNowhere} isActive />,
	);
	t.teardown(unmount);
	const frame = await frameMatching(lastFrame, /3 of 3 jobs/u);
	await frameMatching(lastFrame, /MMMM/u);
	t.deepEqual(terminalControls(lastFrame() ?? ''), []);
	t.is(frame.split('\n').filter((line) => line.includes(jobIds[2] ?? '?')).length, 1);
	t.true((lastFrame() ?? '').split('\n').every((line) => line.length <= 200));
});

for (const [index, what] of [
	'a readable task',
	'hostile paths',
	'an unreadable task.json',
].entries()) {
	test(`the job page of a job with ${what} shows no control character`, async (t) => {
		const jobId = jobIds[index] ?? '';
		const {lastFrame, unmount} = renderWithSession(
			testSession(store, bucket, 'jdoe'),
			<JobDetailScreen jobId={jobId} navigate={navigateNowhere} isActive />,
		);
		t.teardown(unmount);
		const frame = await frameMatching(lastFrame, /Biobanks/u);
		t.deepEqual(terminalControls(frame), []);
		if (index !== 1) t.regex(frame, /␛/u, 'the escape is shown as a stand-in');
	});
}
