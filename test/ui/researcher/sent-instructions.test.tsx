import test from 'ava';
import {text} from 'node:stream/consumers';
import type {ObjectStore} from '../../../source/storage/store.js';
import {JobDetailScreen} from '../../../source/ui/screens/researcher/job-detail-screen.js';
import {bucket, localStore, seedJob} from '../../jobs/analyst/seed.js';
import {frameMatching, renderWithSession, testSession} from '../render-with-session.js';

/** The researcher's page of `jobId`, once it has loaded. */
async function openJobPage(
	t: {teardown: (done: () => void) => void},
	store: ObjectStore,
	jobId: string,
) {
	const page = renderWithSession(
		testSession(store, bucket, 'requester'),
		<JobDetailScreen jobId={jobId} navigate={() => undefined} isActive />,
	);
	t.teardown(page.unmount);
	await frameMatching(page.lastFrame, /Biobanks/u);
	return page;
}

test('i on the job page shows the instructions the researcher sent, as text; esc goes back to the page', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {
		seconds: 1_790_000_000,
		instructions: 'Run the container:\n\tsingularity run tool.sif\n\u001B[2Jnot a wipe\n',
	});
	const {lastFrame, stdin} = await openJobPage(t, store, jobId);
	stdin.write('i');
	const reading = await frameMatching(lastFrame, /singularity run tool\.sif/u);
	t.regex(reading, /README_instructions\.txt/u, 'the document is named');
	t.regex(reading, /␛\[2Jnot a wipe/u, 'an escape sequence is a visible stand-in');
	t.notRegex(reading, /Biobanks/u, 'the pager is over the page');
	stdin.write('\u001B');
	const back = await frameMatching(lastFrame, /Biobanks/u);
	t.notRegex(back, /singularity run/u);
});

test('i on a job sent without instructions says why, and the page stays', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_790_000_100});
	// A task.json without instructions: the Python tools allow it.
	const key = `jobs/requester/${jobId}/task.json`;
	const {body} = await store.get({container: bucket, key});
	const task = JSON.parse(await text(body)) as Record<string, unknown>;
	await store.put({container: bucket, key}, JSON.stringify({...task, instructions: []}));
	const {lastFrame, stdin} = await openJobPage(t, store, jobId);
	stdin.write('i');
	const frame = await frameMatching(lastFrame, /sent without instructions/u);
	t.regex(frame, /Biobanks/u);
});
