import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {claimJob} from '../../source/jobs/analyst/claim-job.js';
import {giveUpJob} from '../../source/jobs/analyst/give-up-job.js';
import {systemClock} from '../../source/jobs/clock.js';
import type {WatchRole} from '../../source/watch/watch-role.js';
import {seedJob} from '../jobs/analyst/seed.js';
import {swiftContainer, tempauthStore} from '../jobs/analyst/swift.js';
import {pythonAnalystStep} from './python-analyst.js';
import {startSmtpServer, type SmtpServerOptions, type SmtpTestServer} from './smtp-test-server.js';
import {runWatchProcess} from './watch-process.js';
import {runTestWatch, type WatchSettings} from './watch-settings.js';
import {startWebhookReceiver, type WebhookReceiver} from './webhook-receiver.js';

// `ivjm watch`'s engine in its own process against the real Swift, a real SMTP server (Debian's
// aiosmtpd, STARTTLS and AUTH required) and an HTTP receiver on 127.0.0.1. The job is moved by
// the Python analyst tool's writes and by ivjm's analyst side; the watcher is killed with
// SIGKILL at the points where a crash costs most, and restarted.
const swift = tempauthStore();
test.after.always(async () => swift.store.close());

type Setup = {
	container: string;
	smtp: SmtpTestServer;
	webhook: WebhookReceiver;
	/**
	 * One poll of the watcher, or a watcher process killed with SIGKILL at `pauseAt` (or when
	 * `killWhen` settles); returns what it logged.
	 */
	watch(pauseAt?: string, killWhen?: Promise<unknown>): Promise<string>;
};

async function setup(
	t: ExecutionContext,
	role: WatchRole,
	options: {mailTo?: string[]; smtp?: SmtpServerOptions} = {},
): Promise<Setup> {
	const container = await swiftContainer(t, `watch-${role.kind}`, swift);
	const smtp = await startSmtpServer(options.smtp);
	t.teardown(() => smtp.stop());
	const webhook = await startWebhookReceiver();
	t.teardown(() => webhook.close());
	const stateRoot = await mkdtemp(join(tmpdir(), 'ivjm-watch-state-'));
	t.teardown(() => rm(stateRoot, {recursive: true, force: true}));
	const settings: WatchSettings = {
		container,
		role,
		stateRoot,
		once: true,
		smtp: {
			host: '127.0.0.1',
			port: smtp.port,
			user: smtp.user,
			from: 'ivjm-watch@biobank.example.org',
			to: options.mailTo,
			caFile: smtp.caFile,
		},
		webhook: webhook.url,
	};
	return {
		container,
		smtp,
		webhook,
		async watch(pauseAt, killWhen) {
			if (pauseAt || killWhen) {
				const killed = await runWatchProcess({...settings, pauseAt}, smtp.password, killWhen);
				t.is(killed.signal, 'SIGKILL', killed.log);
				t.false(killed.log.includes('secret-token'), "the webhook URL's path is never logged");
				return killed.log;
			}

			// The restart: the same engine in this process, on the state files the killed one left.
			const lines: string[] = [];
			const result = await runTestWatch(settings, smtp.password, {log: (line) => lines.push(line)});
			const log = lines.join('\n');
			t.true(result.ok, log);
			t.false(log.includes('secret-token'), "the webhook URL's path is never logged");
			return log;
		},
	};
}

async function counts(setup: Setup): Promise<[number, number]> {
	return [(await setup.smtp.messages()).length, setup.webhook.posts.length];
}

test('each change by the Python analyst tool and by ivjm is mailed and posted exactly once, also after kill -9 between the change and the send', async (t) => {
	const watcher = await setup(t, {kind: 'researcher', user: 'requester'});
	const {container} = watcher;
	const jobId = await seedJob(
		swift.store,
		{seconds: 1_795_700_000, name: 'PRS test', biobanks: ['HUS', 'FIMM']},
		container,
	);

	await watcher.watch();
	t.deepEqual(await counts(watcher), [0, 0], 'the first poll is the baseline');

	// 1. The Python tool claims at HUS; the watcher dies right after listing the bucket.
	await pythonAnalystStep('claim', container, 'HUS', jobId);
	await watcher.watch('observed');
	t.deepEqual(await counts(watcher), [0, 0]);
	await watcher.watch();
	t.deepEqual(await counts(watcher), [1, 1]);

	// 2. ivjm claims at FIMM; the watcher dies once the change is recorded, before any send.
	await claimJob(swift.store, container, systemClock, {
		jobId,
		biobank: 'FIMM',
		analyst: 'fimm-analyst',
		settleMs: 0,
	});
	await watcher.watch('recorded');
	t.deepEqual(await counts(watcher), [1, 1]);
	await watcher.watch();
	t.deepEqual(await counts(watcher), [2, 2]);

	// 3. The Python tool delivers at HUS; the watcher dies with the mail's send recorded as begun.
	await pythonAnalystStep('deliver', container, 'HUS', jobId);
	await watcher.watch('sending:mail');
	t.deepEqual(await counts(watcher), [2, 2]);
	await watcher.watch();
	t.deepEqual(await counts(watcher), [3, 3]);

	// 4. ivjm marks FIMM failed; the watcher dies after the mail went, as the POST begins.
	await giveUpJob(swift.store, container, systemClock, {
		jobId,
		biobank: 'FIMM',
		analyst: 'fimm-analyst',
		marker: 'failed',
		reason: 'Container exited with code 137: out of memory at 2 GB. Please ask for 8 GB.',
	});
	await watcher.watch('sending:webhook');
	t.deepEqual(await counts(watcher), [4, 3]);
	await watcher.watch();
	t.deepEqual(await counts(watcher), [4, 4]);

	await watcher.watch();
	t.deepEqual(await counts(watcher), [4, 4], 'nothing is sent twice');

	const mails = await watcher.smtp.messages();
	t.deepEqual(
		mails.map((mail) => mail.subject),
		[
			`ivjm: HUS: claimed by tester2 — ${jobId} “PRS test”`,
			`ivjm: FIMM: claimed by fimm-analyst — ${jobId} “PRS test”`,
			`ivjm: HUS: results ready — ${jobId} “PRS test”`,
			`ivjm: FIMM: failed — ${jobId} “PRS test”`,
		],
	);
	t.true(mails.every((mail) => mail.rcptTo === 'requester@example.org'));
	t.is(new Set(mails.map((mail) => mail.messageId)).size, 4);
	t.regex(mails[2]?.body ?? '', /results: 1 file/u);
	t.regex(mails[2]?.body ?? '', /The last attempt to send this mail was interrupted/u);
	t.regex(
		mails[3]?.body ?? '',
		/reason: Container exited with code 137: out of memory at 2 GB\. Please ask for 8 GB\./u,
	);
	const posts = watcher.webhook.posts;
	t.deepEqual(
		posts.map((post) => [post.json.events[0]?.kind, post.json.events[0]?.biobank]),
		[
			['claimed', 'HUS'],
			['claimed', 'FIMM'],
			['ready', 'HUS'],
			['failed', 'FIMM'],
		],
	);
	t.is(new Set(posts.map((post) => post.headers['idempotency-key'])).size, 4);
	t.deepEqual(
		posts.map((post) => post.json.redelivery),
		[false, false, false, true],
	);
});

test('an analyst is mailed and posted each new request once; a kill after the POST went and before it was recorded posts it again with the same Idempotency-Key', async (t) => {
	const watcher = await setup(
		t,
		{kind: 'analyst', biobank: 'HUS'},
		{mailTo: ['hus-analysts@biobank.example.org']},
	);
	const {container} = watcher;
	await watcher.watch();
	const jobId = await seedJob(
		swift.store,
		{seconds: 1_795_700_100, user: 'jdoe', name: 'PGS run', biobanks: ['HUS']},
		container,
	);
	await watcher.watch('sent:webhook');
	t.deepEqual(await counts(watcher), [1, 1]);
	await watcher.watch();
	await watcher.watch();
	const mails = await watcher.smtp.messages();
	t.deepEqual(
		mails.map((mail) => [mail.rcptTo, mail.subject]),
		[
			[
				'hus-analysts@biobank.example.org',
				`ivjm: New request to HUS from jdoe — ${jobId} “PGS run”`,
			],
		],
	);
	const posts = watcher.webhook.posts;
	t.is(posts.length, 2, 'the one POST in doubt is sent again: at least once, never lost');
	t.is(posts[0]?.headers['idempotency-key'], posts[1]?.headers['idempotency-key']);
	t.deepEqual(
		posts.map((post) => post.json.redelivery),
		[false, true],
	);
});

test('a watcher killed in the middle of the SMTP transaction (the message stored, the reply not yet read) sends it again with the same Message-ID', async (t) => {
	const watcher = await setup(
		t,
		{kind: 'analyst', biobank: 'HUS'},
		{mailTo: ['hus@biobank.example.org'], smtp: {holdFirstSeconds: 30}},
	);
	await watcher.watch();
	const jobId = await seedJob(
		swift.store,
		{seconds: 1_795_700_200, user: 'jdoe', biobanks: ['HUS']},
		watcher.container,
	);
	await watcher.watch(undefined, watcher.smtp.events.next());
	t.deepEqual(
		await counts(watcher),
		[1, 0],
		'the server kept the message; the watcher never heard so',
	);
	await watcher.watch();
	await watcher.watch();
	const mails = await watcher.smtp.messages();
	t.is(mails.length, 2, 'the message in doubt is sent again: at least once, never lost');
	t.is(mails[0]?.messageId, mails[1]?.messageId);
	t.true(mails.every((mail) => mail.subject.includes(jobId)));
	t.notRegex(mails[0]?.body ?? '', /interrupted/u);
	t.regex(mails[1]?.body ?? '', /The last attempt to send this mail was interrupted/u);
	t.is(watcher.webhook.posts.length, 1);
});
