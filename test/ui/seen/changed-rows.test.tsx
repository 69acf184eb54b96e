import test from 'ava';
import {readdir, readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import type {ReactNode} from 'react';
import {
	ChangeTrackingContext,
	type ChangeTracking,
} from '../../../source/ui/seen/change-tracking.js';
import {noteOwnChange} from '../../../source/ui/seen/own-changes.js';
import {fileSeenRegistry} from '../../../source/ui/seen/seen-registry.js';
import {InboxScreen} from '../../../source/ui/screens/analyst/inbox-screen.js';
import {AnalystJobScreen} from '../../../source/ui/screens/analyst/job-screen.js';
import {JobDetailScreen} from '../../../source/ui/screens/researcher/job-detail-screen.js';
import {JobsScreen} from '../../../source/ui/screens/researcher/jobs-screen.js';
import {claimJob} from '../../../source/jobs/analyst/claim-job.js';
import type {ObjectStore} from '../../../source/storage/store.js';
import {bucket, clockAt, localStore, seedJob} from '../../jobs/analyst/seed.js';
import {analystSession, renderAnalyst, settle} from '../analyst/render-analyst.js';
import {frameMatching, renderWithSession} from '../render-with-session.js';

const hour = 3600;

/** Waits (up to 10 s) until the seen state's folder exists: the first listing was observed. */
async function seenWritten(path: string): Promise<void> {
	for (let waited = 0; ; waited += 50) {
		try {
			await stat(path);
			return;
		} catch (error) {
			if (waited >= 10_000) throw error;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
}
const nowhere = () => undefined;

/** An analyst of `biobank` claims the job and marks its run failed, as another process would. */
async function failAt(store: ObjectStore, jobId: string, biobank: string) {
	await claimJob(store, bucket, clockAt(Date.now()), {
		jobId,
		biobank,
		analyst: 'lvirtanen',
		settleMs: 0,
	});
	await analystSession(store).analyst.giveUp({
		jobId,
		biobank,
		marker: 'failed',
		reason: 'no memory',
	});
}

function rowOf(frame: string, name: string): string {
	return frame.split('\n').find((line) => line.includes(name)) ?? '';
}

/** A store with two of jdoe's jobs to HUS and FIMM, a folder for the seen state, and a recorder. */
async function setup(t: Parameters<typeof localStore>[0]) {
	const {store, folder} = await localStore(t);
	const now = Math.floor(Date.now() / 1000);
	const height = await seedJob(store, {user: 'jdoe', seconds: now - 2 * hour, name: 'Height PGS'});
	const lipids = await seedJob(store, {user: 'jdoe', seconds: now - hour, name: 'Lipid scores'});
	const alerts: string[] = [];
	const tracking = (): ChangeTracking => ({
		// A new registry each time: what it knows comes from the file, as after a restart.
		registry: fileSeenRegistry(join(folder, 'state')),
		alert: (text) => alerts.push(text),
	});
	return {store, folder, height, lipids, alerts, tracking};
}

function tracked(tracking: ChangeTracking, screen: ReactNode) {
	return <ChangeTrackingContext.Provider value={tracking}>{screen}</ChangeTrackingContext.Provider>;
}

test('a job an analyst moved is marked and counted after a restart, until it is opened', async (t) => {
	const {store, folder, height, tracking} = await setup(t);
	const researcher = analystSession(store, 'jdoe');
	const first = tracking();
	const before = renderWithSession(
		researcher,
		tracked(first, <JobsScreen navigate={nowhere} isActive />),
	);
	const baseline = await frameMatching(before.lastFrame, /Lipid scores/u);
	// The listing is on screen before the seen state has opened and observed it: wait for that.
	await seenWritten(join(folder, 'state', 'seen'));
	await first.registry.flushed();
	before.unmount();
	t.notRegex(baseline, /changed/u, 'the first listing ever is the baseline: nothing is marked');
	t.regex(rowOf(baseline, 'Height PGS'), /^ {2}\S|^❯ /u);
	const saved = await stat(join(folder, 'state', 'seen'));
	t.is(saved.mode & 0o777, 0o700);

	// Another process (the analyst) fails it at HUS while the researcher's ivjm is closed.
	await failAt(store, height, 'HUS');
	const second = tracking();
	const after = renderWithSession(
		researcher,
		tracked(second, <JobsScreen navigate={nowhere} isActive />),
	);
	t.teardown(after.unmount);
	const marked = await frameMatching(after.lastFrame, /1 changed/u);
	t.regex(rowOf(marked, 'Height PGS'), /^.\*/u, marked);
	t.notRegex(rowOf(marked, 'Lipid scores'), /^.\*/u);
	t.regex(marked, /2 of 2 jobs · 1 changed · all/u);

	// Opening the job (its page, in the same program) clears the mark, on disk too.
	const page = renderWithSession(
		researcher,
		tracked(second, <JobDetailScreen jobId={height} navigate={nowhere} isActive={false} />),
	);
	await frameMatching(page.lastFrame, /Biobanks/u);
	const cleared = await frameMatching(after.lastFrame, /2 of 2 jobs · all/u);
	t.notRegex(rowOf(cleared, 'Height PGS'), /^.\*/u);
	page.unmount();
	await second.registry.flushed();
	const again = renderWithSession(
		researcher,
		tracked(tracking(), <JobsScreen navigate={nowhere} isActive />),
	);
	t.teardown(again.unmount);
	const reopened = await frameMatching(again.lastFrame, /Lipid scores/u);
	t.notRegex(reopened, /changed/u);
	const [name] = await readdir(join(folder, 'state', 'seen'));
	const file = await readFile(join(folder, 'state', 'seen', name ?? ''), 'utf8');
	t.true(file.includes(`"${height}":"FIMM:waiting,HUS:failed"`), file);
});

test('while the table is open, a biobank that fails rings once; a change of its own does not', async (t) => {
	const {store, height, lipids, alerts, tracking} = await setup(t);
	const researcher = analystSession(store, 'jdoe');
	const screen = renderWithSession(
		researcher,
		tracked(tracking(), <JobsScreen navigate={nowhere} isActive />),
	);
	t.teardown(screen.unmount);
	await frameMatching(screen.lastFrame, /Lipid scores/u);
	await settle();
	await failAt(store, height, 'FIMM');
	// The same job moved by this process (as an analyst here would): not news.
	noteOwnChange(lipids, 'HUS');
	await failAt(store, lipids, 'HUS');
	screen.stdin.write('r');
	await frameMatching(screen.lastFrame, /2 changed/u);
	t.deepEqual(alerts, ['ivjm: Height PGS failed at FIMM']);
});

test("a new request is marked in the analyst's inbox until opened, and rings while it is open", async (t) => {
	const {store, alerts, tracking} = await setup(t);
	const session = analystSession(store);
	const tracker = tracking();
	const inbox = renderAnalyst(
		session,
		tracked(tracker, <InboxScreen biobank="HUS" navigate={nowhere} isActive />),
	);
	t.teardown(inbox.unmount);
	const baseline = await frameMatching(inbox.lastFrame, /Lipid scores/u);
	t.notRegex(baseline, /unseen/u);
	await settle();
	const now = Math.floor(Date.now() / 1000);
	const fresh = await seedJob(store, {user: 'asmith', seconds: now - 60, name: 'Smoking PRS'});
	inbox.stdin.write('r');
	const marked = await frameMatching(inbox.lastFrame, /1 unseen/u);
	t.regex(rowOf(marked, 'Smoking PRS'), /^.\*/u, marked);
	t.notRegex(rowOf(marked, 'Lipid scores'), /^.\*/u);
	t.deepEqual(alerts, [`ivjm: new request ${fresh} to HUS`]);

	const page = renderAnalyst(
		session,
		tracked(
			tracker,
			<AnalystJobScreen biobank="HUS" jobId={fresh} navigate={nowhere} isActive={false} />,
		),
	);
	t.teardown(page.unmount);
	const cleared = await frameMatching(inbox.lastFrame, /3 of 3 jobs · 3 new · all/u);
	t.notRegex(rowOf(cleared, 'Smoking PRS'), /^.\*/u);
});
