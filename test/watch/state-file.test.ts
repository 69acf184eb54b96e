import {spawn} from 'node:child_process';
import {mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir, hostname} from 'node:os';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {
	dueDeliveries,
	markAttempting,
	markDone,
	markRetry,
	recordDeliveries,
	recordEvents,
} from '../../source/watch/deliveries.js';
import {
	ChannelStateFile,
	WatchStateUnreadable,
	watchStateFolder,
} from '../../source/watch/state-file.js';
import {WatchLocked} from '../../source/watch/state-lock.js';
import type {WatchEvent} from '../../source/watch/watch-event.js';

async function folder(t: ExecutionContext): Promise<string> {
	const root = await mkdtemp(join(tmpdir(), 'ivjm-watch-state-'));
	t.teardown(() => rm(root, {recursive: true, force: true}));
	return watchStateFolder(join(root, 'state'), 'the jobs of requester in a bucket (test)');
}

const readyEvent: Omit<WatchEvent, 'id'> = {
	kind: 'ready',
	jobId: '1795600000-requester',
	user: 'requester',
	biobank: 'HUS',
	observedAt: '2026-11-25T10:00:00.000Z',
	details: {name: 'PRS test', requestor: 'requester@example.org'},
};

test('a channel state is saved 0600 in a 0700 folder, whole, and read back as saved', async (t) => {
	const where = await folder(t);
	const {file, state} = await ChannelStateFile.open(where, 'mail', 'scope');
	t.is(state.seen, undefined);
	state.seen = {'1795600000-requester/HUS': {s: 'waiting'}};
	const events = recordEvents(state, [readyEvent]);
	recordDeliveries(
		state,
		[{events, to: 'requester@example.org'}],
		Date.parse('2026-11-25T10:00:00Z'),
	);
	await file.save(state);
	await file.close();
	t.is((await stat(join(where, 'mail.json'))).mode & 0o777, 0o600);
	t.is((await stat(where)).mode & 0o777, 0o700);
	t.deepEqual(await readdir(where), ['mail.json']);
	const again = await ChannelStateFile.open(where, 'mail', 'scope');
	t.deepEqual(again.state, state);
	await again.file.close();
});

test('a delivery found "attempting" at a start was interrupted mid-send: it is due again, in doubt', async (t) => {
	const where = await folder(t);
	const {file, state} = await ChannelStateFile.open(where, 'webhook-x', 'scope');
	const now = Date.parse('2026-11-25T10:00:00Z');
	const [delivery] = recordDeliveries(state, [{events: recordEvents(state, [readyEvent])}], now);
	if (!delivery) throw new Error('no delivery');
	markAttempting(delivery);
	await file.save(state);
	await file.close();
	const reopened = await ChannelStateFile.open(where, 'webhook-x', 'scope');
	const due = dueDeliveries(reopened.state, now);
	t.is(due.length, 1);
	t.like(due[0], {id: delivery.id, state: 'pending', inDoubt: true, attempts: 1});
	await reopened.file.close();
});

test('a failed send waits longer each time, and is given up after three days', async (t) => {
	const where = await folder(t);
	const {file, state} = await ChannelStateFile.open(where, 'mail', 'scope');
	t.teardown(() => file.close());
	const start = Date.parse('2026-11-25T10:00:00Z');
	const policy = {firstDelayMs: 30_000, maxDelayMs: 3_600_000, giveUpAfterMs: 3 * 86_400_000};
	const [delivery] = recordDeliveries(state, [{events: recordEvents(state, [readyEvent])}], start);
	if (!delivery) throw new Error('no delivery');
	markAttempting(delivery);
	t.true(markRetry(state, delivery, 'down', start, policy));
	t.is(delivery.retryAt, new Date(start + 30_000).toISOString());
	t.deepEqual(dueDeliveries(state, start + 29_999), []);
	t.is(dueDeliveries(state, start + 30_000).length, 1);
	markAttempting(delivery);
	t.true(markRetry(state, delivery, 'down', start + 30_000, policy));
	t.is(delivery.retryAt, new Date(start + 90_000).toISOString());
	markAttempting(delivery);
	t.false(markRetry(state, delivery, 'down', start + policy.giveUpAfterMs, policy));
	t.deepEqual(state.deliveries, []);
	t.deepEqual(state.events, {});
});

test('a sent delivery leaves the state with its events', async (t) => {
	const where = await folder(t);
	const {file, state} = await ChannelStateFile.open(where, 'terminal', 'scope');
	t.teardown(() => file.close());
	const [delivery] = recordDeliveries(state, [{events: recordEvents(state, [readyEvent])}], 0);
	if (!delivery) throw new Error('no delivery');
	markDone(state, delivery);
	t.deepEqual(state.deliveries, []);
	t.deepEqual(state.events, {});
});

test('a second watcher of the same channel is refused while the first runs', async (t) => {
	const where = await folder(t);
	const first = await ChannelStateFile.open(where, 'mail', 'the mail of X');
	t.teardown(() => first.file.close());
	const error = await t.throwsAsync(ChannelStateFile.open(where, 'mail', 'the mail of X'), {
		instanceOf: WatchLocked,
	});
	t.regex(error.message, new RegExp(`process ${process.pid} on `));
	const other = await ChannelStateFile.open(where, 'terminal', 'the mail of X');
	await other.file.close();
	t.pass();
});

test('the lock of a watcher killed with -9 is taken over', async (t) => {
	const where = await folder(t);
	const first = await ChannelStateFile.open(where, 'mail', 'scope');
	await first.file.close();
	const child = spawn('sleep', ['30']);
	const pid = child.pid ?? 0;
	child.kill('SIGKILL');
	await new Promise((resolve) => child.once('exit', resolve));
	await writeFile(join(where, 'mail.json.lock'), `${pid} ${hostname()}\n`);
	const taken = await ChannelStateFile.open(where, 'mail', 'scope');
	t.is(await readFile(join(where, 'mail.json.lock'), 'utf8'), `${process.pid} ${hostname()}\n`);
	await taken.file.close();
});

test('a state file that cannot be read stops the watcher with the fix, and is left as it was', async (t) => {
	const where = await folder(t);
	const first = await ChannelStateFile.open(where, 'mail', 'scope');
	await first.file.save(first.state);
	await first.file.close();
	await writeFile(join(where, 'mail.json'), '{"version": 1, "channel": "mail"');
	const error = await t.throwsAsync(ChannelStateFile.open(where, 'mail', 'scope'), {
		instanceOf: WatchStateUnreadable,
	});
	t.regex(error.message, /mail\.json cannot be read \(not JSON.*move it away to start afresh/s);
	t.is(await readFile(join(where, 'mail.json'), 'utf8'), '{"version": 1, "channel": "mail"');
	t.deepEqual((await readdir(where)).sort(), ['mail.json']);
});
