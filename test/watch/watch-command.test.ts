import {spawn} from 'node:child_process';
import {mkdir, readdir, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import test from 'ava';
import {watchDocument} from '../../source/commands/watch-json-shapes.js';
import {cliHome, parsedJson, repository} from '../helpers/run-cli.js';
import {seedJob} from '../jobs/analyst/seed.js';
import {swiftContainer, tempauthStore} from '../jobs/analyst/swift.js';
import {pythonAnalystStep} from './python-analyst.js';
import {startSmtpServer} from './smtp-test-server.js';
import {startWebhookReceiver} from './webhook-receiver.js';

// The BUILT program (`dist/cli.js watch`) against the real Swift, Debian's aiosmtpd (STARTTLS and
// AUTH required) and an HTTP receiver on 127.0.0.1. The mail settings come from config.json's
// "watch" key, the webhook from a flag. The Python analyst tool and ivjm's own `decline` move a
// job; a long-running `ivjm watch` is killed with SIGKILL while it sends each change (once
// inside the SMTP transaction before any message, once while its POST waits for an answer), and
// restarted. test/watch/watch-swift.test.ts kills the engine at each step of a poll; this one
// holds the program as a person and a cron line run it.
const swift = tempauthStore();
test.after.always(async () => swift.store.close());

test('ivjm watch sends one mail and one webhook per change, also when killed with -9 during the send and restarted', async (t) => {
	const container = await swiftContainer(t, 'watch-command', swift);
	const smtp = await startSmtpServer({holdBeforeDataSeconds: 120});
	t.teardown(() => smtp.stop());
	const webhook = await startWebhookReceiver();
	t.teardown(() => webhook.close());
	const {home, ivjm, environment} = await cliHome(t, 'watch');
	await mkdir(join(home, 'config', 'ivjm'), {recursive: true});
	await writeFile(
		join(home, 'config', 'ivjm', 'config.json'),
		JSON.stringify({
			watch: {smtp: `127.0.0.1:${smtp.port}`, smtpUser: smtp.user, mailFrom: 'ivjm@example.org'},
		}),
	);
	const signedIn = await swift.auth.getSession();
	const as = (user: string) => ({
		OS_USERNAME: user,
		OS_AUTH_TOKEN: signedIn.token,
		OS_STORAGE_URL: signedIn.storageUrl,
		// The test server's certificate, as a site's own CA is trusted.
		NODE_EXTRA_CA_CERTS: smtp.caFile,
		IVJM_SMTP_PASSWORD: smtp.password,
	});
	const args = ['watch', '--bucket', container, '--webhook', webhook.url];
	const once = async () => {
		const run = await ivjm([...args, '--once', '--json'], {env: as('requester')});
		t.is(run.code, 0, run.stderr);
		t.false(run.stderr.includes('secret-token'), "the webhook URL's path is never shown");
		return parsedJson(t, run, watchDocument);
	};
	// A long-running watcher (a poll every 10 s), killed with SIGKILL when `moment` settles.
	const killedDuring = async (moment: Promise<unknown>) => {
		const child = spawn(
			process.execPath,
			[join(repository, 'dist', 'cli.js'), ...args, '--interval', '10'],
			{
				cwd: home,
				env: {...environment, ...as('requester')},
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const exited = new Promise<NodeJS.Signals | null>((resolve) =>
			child.once('exit', (_code, signal) => resolve(signal)),
		);
		await Promise.race([moment, exited]);
		child.kill('SIGKILL');
		t.is(await exited, 'SIGKILL', stderr);
	};
	const counts = async () => [(await smtp.messages()).length, webhook.posts.length];

	const jobId = await seedJob(
		swift.store,
		{seconds: 1_795_800_000, name: 'PRS test', biobanks: ['HUS', 'FIMM']},
		container,
	);
	const baseline = await once();
	t.like(baseline, {role: 'researcher', watched: 'requester', polls: 1, ok: true});
	t.deepEqual(baseline.channels, [
		`e-mail via 127.0.0.1:${smtp.port}`,
		`the webhook at ${new URL(webhook.url).origin}`,
	]);
	t.deepEqual(await counts(), [0, 0], 'the first poll is the baseline');

	// 1. The Python tool claims at HUS; the watcher is killed inside the SMTP transaction, the
	// server holding its RCPT TO: a send begun, nothing delivered.
	await pythonAnalystStep('claim', container, 'HUS', jobId);
	await killedDuring(smtp.events.next());
	t.deepEqual(await counts(), [0, 0]);
	await once();
	t.deepEqual(await counts(), [1, 1]);

	// 2. ivjm's analyst side declines at FIMM; the watcher is killed while its POST waits.
	const declined = await ivjm(
		[
			'decline',
			jobId,
			'--biobank',
			'FIMM',
			'--reason',
			'No 8 GB nodes here',
			'--bucket',
			container,
		],
		{env: as('fimm-analyst')},
	);
	t.is(declined.code, 0, declined.stderr);
	await killedDuring(webhook.holdNext());
	t.deepEqual(await counts(), [2, 1], 'the mail went; the POST was never answered');
	await once();
	t.deepEqual(await counts(), [2, 2]);

	await once();
	t.deepEqual(await counts(), [2, 2], 'nothing is sent twice');
	const mails = await smtp.messages();
	t.deepEqual(
		mails.map((mail) => [mail.rcptTo, mail.subject]),
		[
			['requester@example.org', `ivjm: HUS: claimed by tester2 — ${jobId} “PRS test”`],
			['requester@example.org', `ivjm: FIMM: declined — ${jobId} “PRS test”`],
		],
	);
	t.not(mails[0]?.messageId, mails[1]?.messageId);
	t.regex(mails[1]?.body ?? '', /reason: No 8 GB nodes here/u);
	t.deepEqual(
		webhook.posts.map((post) => [post.json.events[0]?.kind, post.json.events[0]?.biobank]),
		[
			['claimed', 'HUS'],
			['declined', 'FIMM'],
		],
	);

	// What was sent is kept per channel, private.
	const state = join(home, 'state', 'ivjm', 'watch');
	const [scope] = await readdir(state);
	const files = (await readdir(join(state, scope ?? ''))).filter((name) => name.endsWith('.json'));
	t.is(files.length, 2, files.join(' '));
	for (const name of files) t.is((await stat(join(state, scope ?? '', name))).mode & 0o777, 0o600);
});

test('ivjm watch says which flag is wrong and what to type, before it signs in', async (t) => {
	const {ivjm} = await cliHome(t, 'watch-usage');
	const cases: Array<[string[], RegExp]> = [
		[['--interval', '5'], /--interval must be at least 10 seconds/u],
		[['--interval', 'soon'], /--interval "soon" is not a number of seconds/u],
		[['--mail-to', 'a@example.org'], /--mail-to needs --smtp HOST:PORT/u],
		[['--smtp', 'mail:587'], /Mail needs a sender: give --mail-from/u],
		[['--smtp-security', 'ssl'], /unknown SMTP security ssl/u],
		[['--biobank', 'HUS', '--smtp', 'mail:25', '--mail-from', 'a@example.org'], /--mail-to/u],
	];
	for (const [flags, message] of cases) {
		const run = await ivjm(['watch', '--store', 'demo', '--once', ...flags]);
		t.is(run.code, 2, `${flags.join(' ')}: ${run.stderr}`);
		t.regex(run.stderr, message);
	}
});
