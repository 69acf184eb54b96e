import {text} from 'node:stream/consumers';
import test from 'ava';
import {biobankTaskKey} from '../../../source/protocol/keys.js';
import {claimJob} from '../../../source/jobs/analyst/claim-job.js';
import {writeMarker} from '../../../source/jobs/write-marker.js';
import type {NavigationAction} from '../../../source/ui/navigation.js';
import {InboxScreen} from '../../../source/ui/screens/analyst/inbox-screen.js';
import {bucket, clockAt, localStore, seedJob, seedRawJob} from '../../jobs/analyst/seed.js';
import {analystSession, frameWhen, keys, renderAnalyst, settle} from './render-analyst.js';

const hour = 3600;

/** Four jobs to HUS, submitted 1 to 4 hours ago: new, claimed by me, ready, and a broken one. */
async function inbox(t: Parameters<typeof localStore>[0]) {
	const {store} = await localStore(t);
	const now = Math.floor(Date.now() / 1000);
	const fresh = await seedJob(store, {
		seconds: now - 1 * hour,
		name: 'Height PGS',
		biobanks: ['HUS'],
	});
	const mine = await seedJob(store, {
		seconds: now - 2 * hour,
		user: 'asmith',
		name: 'Lipid scores',
		biobanks: ['HUS'],
	});
	const done = await seedJob(store, {
		seconds: now - 3 * hour,
		name: 'PRS check',
		biobanks: ['HUS'],
	});
	const broken = `${now - 4 * hour}-mallory`;
	await seedRawJob(store, {jobId: broken, taskText: '{"ID": "broken'});
	await claimJob(store, bucket, clockAt(Date.now()), {
		jobId: mine,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 0,
	});
	await writeMarker(store, bucket, clockAt(Date.now()), {
		jobId: done,
		biobank: 'HUS',
		marker: 'ready',
		by: 'kmakinen',
	});
	const navigations: NavigationAction[] = [];
	const screen = renderAnalyst(
		analystSession(store),
		<InboxScreen biobank="HUS" navigate={(action) => navigations.push(action)} isActive />,
	);
	t.teardown(() => screen.unmount());
	const frame = await frameWhen(screen.lastFrame, (text) => text.includes('PRS check'));
	return {store, screen, frame, navigations, fresh, mine, done, broken};
}

test('the inbox shows each job newest first with its whole id (which names the requester), name, type, age, inputs and status', async (t) => {
	const {frame} = await inbox(t);
	const lines = frame.split('\n');
	// A broken request is new too: the analyst should see it, to decline it.
	t.regex(lines[0] ?? '', /^HUS · 4 of 4 jobs · 2 new · all\s+updated \ds ago$/);
	t.regex(lines[1] ?? '', /^ {2}Job\s+Task\s+Type\s+Age\s+Inputs Status$/);
	t.regex(lines[2] ?? '', /^❯ \d+-requester\s+Height PGS\s+other\s+1h\s+12 B ○ waiting$/);
	t.regex(lines[3] ?? '', /^ {2}\d+-asmith\s+Lipid scores\s+other\s+2h\s+12 B ◐ mine$/);
	t.regex(lines[4] ?? '', /^ {2}\d+-requester\s+PRS check\s+other\s+3h\s+12 B ✔ ready$/);
	t.regex(lines[5] ?? '', /^ {2}\d+-mallory\s+task\.json is not valid JSON.*invalid task$/);
});

test('tab cycles the quick filters: new, mine in progress, done', async (t) => {
	const {screen} = await inbox(t);
	screen.stdin.write(keys.tab);
	let frame = await frameWhen(screen.lastFrame, (text) => /· new\s+updated/.test(text));
	t.regex(frame, /2 of 4 jobs · 2 new · new/);
	t.regex(frame, /Height PGS/);
	t.regex(frame, /invalid task/);
	t.notRegex(frame, /Lipid scores|PRS check/);
	screen.stdin.write(keys.tab);
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('mine in progress'));
	t.regex(frame, /Lipid scores/);
	t.notRegex(frame, /Height PGS|PRS check/);
	screen.stdin.write(keys.tab);
	frame = await frameWhen(screen.lastFrame, (text) => /· done/.test(text));
	t.regex(frame, /PRS check/);
	t.notRegex(frame, /Height PGS|Lipid scores/);
});

test('a / filter keeps the rows that hold every typed word', async (t) => {
	const {screen} = await inbox(t);
	screen.stdin.write('/');
	await frameWhen(screen.lastFrame, (text) => text.includes('type to filter'));
	await settle();
	screen.stdin.write('mallory');
	const frame = await frameWhen(screen.lastFrame, (text) => text.includes('1 of 4 jobs'));
	t.regex(frame, /mallory/);
	t.notRegex(frame, /Height PGS/);
});

test('down then enter in one chunk opens the second job, not the first', async (t) => {
	const {screen, navigations, mine} = await inbox(t);
	screen.stdin.write(keys.down + keys.enter);
	await frameWhen(screen.lastFrame, () => navigations.length > 0);
	t.deepEqual(navigations, [
		{type: 'push', screen: {name: 'analyst-job', biobank: 'HUS', jobId: mine}},
	]);
});

test('escape sequences in a task name are shown as stand-ins, never sent to the terminal', async (t) => {
	const {store} = await localStore(t);
	// Written by a hostile tool of its own: our writers refuse such a name.
	const jobId = await seedJob(store, {
		seconds: Math.floor(Date.now() / 1000) - hour,
		biobanks: ['HUS'],
	});
	const ref = {container: bucket, key: biobankTaskKey(jobId, 'HUS')};
	const task = JSON.parse(await text((await store.get(ref)).body)) as Record<string, unknown>;
	await store.put(ref, JSON.stringify({...task, name: '\u001B[2J\u001B]0;owned\u0007x'}));
	const screen = renderAnalyst(
		analystSession(store),
		<InboxScreen biobank="HUS" navigate={() => undefined} isActive />,
	);
	t.teardown(() => screen.unmount());
	const frame = await frameWhen(screen.lastFrame, (text) => text.includes('waiting'));
	t.regex(frame, /␛\[2J␛\]0;o/);
	t.false(frame.includes('\u001B'));
});
