import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough, Writable} from 'node:stream';
import test from 'ava';
import {claimJob} from '../../source/jobs/analyst/claim-job.js';
import {systemClock} from '../../source/jobs/clock.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import {assembleSession} from '../../source/session/session.js';
import {downloadObject} from '../../source/transfer/download-object.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import {startWatch} from '../../source/watch/start-watch.js';
import {
	channelsFor,
	parseSmtpAddress,
	WatchSettingsError,
	type ChannelContext,
	type WatchSettings,
} from '../../source/watch/watch-settings.js';
import {bucket, localStore, seedJob} from '../jobs/analyst/seed.js';

const researcher = (environment: NodeJS.ProcessEnv = {}, isTTY = false): ChannelContext => ({
	role: {kind: 'researcher', user: 'requester'},
	environment,
	output: Object.assign(new Writable({write: (_c, _e, done) => done()}), {isTTY}),
});

const ids = (settings: WatchSettings, context = researcher()) =>
	channelsFor(settings, context).map((channel) => channel.id.replace(/-[\da-f]+$/u, ''));

test('the terminal is a channel on a terminal or when nothing else is asked for', (t) => {
	t.deepEqual(ids({}), ['terminal']);
	t.deepEqual(ids({webhook: 'https://hooks.example.org/x'}), ['webhook']);
	t.deepEqual(ids({webhook: 'https://hooks.example.org/x'}, researcher({}, true)), [
		'terminal',
		'webhook',
	]);
	t.deepEqual(
		ids({
			smtp: 'smtp.example.org',
			mailFrom: 'ivjm@example.org',
			webhook: 'https://hooks.example.org/x',
			terminal: true,
		}),
		['terminal', 'mail', 'webhook'],
	);
	t.throws(() => ids({terminal: false}), {
		instanceOf: WatchSettingsError,
		message: /No channel is left/u,
	});
});

test('an SMTP address is HOST or HOST:PORT, the port by default from the security', (t) => {
	t.deepEqual(parseSmtpAddress('smtp.example.org:2525'), {host: 'smtp.example.org', port: 2525});
	t.deepEqual(parseSmtpAddress('smtp.example.org'), {host: 'smtp.example.org', port: 587});
	t.deepEqual(parseSmtpAddress('smtp.example.org', 'tls'), {host: 'smtp.example.org', port: 465});
	t.deepEqual(parseSmtpAddress('[::1]:25'), {host: '::1', port: 25});
	for (const bad of ['', 'smtp.example.org:0', 'smtp.example.org:70000', 'a b:25', 'smtp://x:25']) {
		t.throws(() => parseSmtpAddress(bad), {instanceOf: WatchSettingsError}, bad);
	}
});

test('settings that cannot work say which flag and what to do', (t) => {
	const mail = {smtp: 'smtp.example.org:587', mailFrom: 'ivjm@example.org'};
	const cases: Array<[WatchSettings, ChannelContext, RegExp]> = [
		[{mailTo: ['a@example.org']}, researcher(), /--mail-to needs --smtp/u],
		[{smtp: 'smtp.example.org'}, researcher(), /needs a sender: give --mail-from/u],
		[
			{...mail, mailFrom: 'Ivjm <ivjm@example.org>'},
			researcher(),
			/--mail-from .* is not one plain address/u,
		],
		[
			{...mail, mailTo: ['a@example.org, b@example.org']},
			researcher(),
			/--mail-to .* is not one plain address/u,
		],
		[
			mail,
			{...researcher(), role: {kind: 'analyst', biobank: 'HUS'}},
			/analyst's mail needs --mail-to/u,
		],
		[{...mail, smtpUser: 'watcher'}, researcher(), /needs its password in IVJM_SMTP_PASSWORD/u],
		[
			{...mail, smtpUser: 'watcher', smtpSecurity: 'none'},
			researcher({IVJM_SMTP_PASSWORD: 'p'}),
			/never sent without TLS/u,
		],
		[{webhook: 'hooks.example.org'}, researcher(), /--webhook is not a URL/u],
		[{webhook: 'file:///etc/passwd'}, researcher(), /must be an http or https URL/u],
		[{intervalSeconds: 2}, researcher(), /--interval must be at least 10 seconds/u],
	];
	for (const [settings, context, message] of cases) {
		t.throws(
			() => channelsFor(settings, context),
			{instanceOf: WatchSettingsError, message},
			JSON.stringify(settings),
		);
	}

	t.deepEqual(ids({...mail, smtpUser: 'watcher'}, researcher({IVJM_SMTP_PASSWORD: 'p'})), ['mail']);
});

test('ivjm watch on a session keeps its state under the state folder given and tells the terminal of a claim', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_795_600_000, name: 'PRS test', biobanks: ['HUS']});
	const stateRoot = await mkdtemp(join(tmpdir(), 'ivjm-start-watch-'));
	t.teardown(() => rm(stateRoot, {recursive: true, force: true}));
	const session = assembleSession({
		store,
		bucket,
		user: 'requester',
		location: 'local store (test)',
		tasks: new TaskCache(),
		transfers: {upload: uploadFile, download: downloadObject},
		downloadFolder: '/nonexistent/ivjm-results',
		workFolder: '/nonexistent/ivjm-work',
		refreshSeconds: 3600,
		clock: systemClock,
	});
	const once = async () => {
		const output = new PassThrough();
		const lines: string[] = [];
		output.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
		const result = await startWatch(
			session,
			{kind: 'researcher', user: 'requester'},
			{
				settings: {},
				environment: {},
				output,
				once: true,
				log() {},
				stateRoot,
			},
		);
		t.true(result.ok);
		return lines.join('');
	};

	t.is(await once(), '');
	await claimJob(store, bucket, systemClock, {
		jobId,
		biobank: 'HUS',
		analyst: 'hus-analyst',
		settleMs: 0,
	});
	t.regex(await once(), /HUS: claimed by hus-analyst — 1795600000-requester “PRS test”/u);
	t.is(await once(), '');
});
