import test from 'ava';
import {Secret} from '../../source/credentials/secret.js';
import {mailChannel, type MailSettings} from '../../source/watch/channels/mail-channel.js';
import {webhookChannel} from '../../source/watch/channels/webhook-channel.js';
import type {OutgoingMessage} from '../../source/watch/channels/channel.js';
import type {WatchEvent} from '../../source/watch/watch-event.js';
import {startSmtpServer, type SmtpTestServer} from './smtp-test-server.js';
import {startWebhookReceiver} from './webhook-receiver.js';
import {readFile} from 'node:fs/promises';

// Each channel against a real receiver on 127.0.0.1: what is retried, what is refused for good.

const ready: WatchEvent = {
	id: 'e1',
	kind: 'ready',
	jobId: '1795600000-requester',
	user: 'requester',
	biobank: 'HUS',
	observedAt: '2026-11-25T10:00:00.000Z',
	details: {name: 'PRS test', requestor: 'requester@example.org'},
};

const message = (to?: string): OutgoingMessage => ({
	delivery: {
		id: 'd2',
		events: ['e1'],
		to,
		state: 'attempting',
		attempts: 1,
		createdAt: '2026-11-25T10:00:01.000Z',
	},
	events: [ready],
	identity: '0123456789abcdef.d2',
	redelivery: false,
});

async function mailTo(server: SmtpTestServer, change: Partial<MailSettings> = {}) {
	return mailChannel({
		host: '127.0.0.1',
		port: server.port,
		security: 'starttls',
		user: server.user,
		password: new Secret(server.password),
		from: 'ivjm-watch@biobank.example.org',
		ca: await readFile(server.caFile, 'utf8'),
		timeoutMs: 20_000,
		...change,
	});
}

test('a webhook answered 503 is retried with backoff under the same Idempotency-Key until it takes it', async (t) => {
	const receiver = await startWebhookReceiver();
	t.teardown(() => receiver.close());
	receiver.answers.push(503, 503);
	const channel = webhookChannel({url: receiver.url, firstRetryMs: 50});
	t.teardown(() => channel.close());
	t.deepEqual(await channel.send(message()), {result: 'sent'});
	t.deepEqual(
		receiver.posts.map((post) => post.status),
		[503, 503, 200],
	);
	t.deepEqual(
		new Set(receiver.posts.map((post) => post.headers['idempotency-key'])),
		new Set(['0123456789abcdef.d2']),
	);
	t.is(receiver.posts[2]?.headers['content-type'], 'application/json');
	t.is(
		receiver.posts[2]?.json.text,
		`HUS: results ready — 1795600000-requester “PRS test”\n    next: ivjm results 1795600000-requester --biobank HUS`,
	);
});

test("a webhook that refuses a POST (400) is not asked again; one that is down is kept for later; neither message shows the URL's path", async (t) => {
	const receiver = await startWebhookReceiver();
	receiver.answers.push(400);
	const channel = webhookChannel({url: receiver.url, firstRetryMs: 50, retries: 1});
	t.teardown(() => channel.close());
	const refused = await channel.send(message());
	t.like(refused, {result: 'refused'});
	t.is(receiver.posts.length, 1);
	await receiver.close();
	const down = await channel.send(message());
	t.like(down, {result: 'retry'});
	for (const outcome of [refused, down]) {
		if (outcome.result === 'sent') continue;
		t.false(outcome.reason.includes('secret-token'), outcome.reason);
	}

	t.true(channel.label.startsWith('the webhook at http://127.0.0.1:'));
	t.false(channel.label.includes('secret-token'));
});

test('a mail goes through STARTTLS and AUTH with its recorded identity', async (t) => {
	const server = await startSmtpServer();
	t.teardown(() => server.stop());
	const channel = await mailTo(server);
	t.teardown(() => channel.close());
	t.deepEqual(await channel.send(message('requester@example.org')), {result: 'sent'});
	const [mail] = await server.messages();
	t.like(mail, {
		rcptTo: 'requester@example.org',
		messageId: '<ivjm.0123456789abcdef.d2@biobank.example.org>',
		subject: 'ivjm: HUS: results ready — 1795600000-requester “PRS test”',
	});
	t.is(mail?.headers['auto-submitted'], 'auto-generated');
	t.is(mail?.headers.date, 'Wed, 25 Nov 2026 10:00:01 +0000');
});

test('a server that says "try later" (451) keeps the mail for the next attempt, and it then goes once', async (t) => {
	const server = await startSmtpServer({refuseFirst: 1});
	t.teardown(() => server.stop());
	const channel = await mailTo(server);
	t.teardown(() => channel.close());
	const first = await channel.send(message('requester@example.org'));
	t.like(first, {result: 'retry'});
	t.regex(first.result === 'retry' ? first.reason : '', /451/u);
	t.deepEqual(await channel.send(message('requester@example.org')), {result: 'sent'});
	t.is((await server.messages()).length, 1);
});

test('a wrong SMTP password or an untrusted certificate sends nothing and keeps the mail; the password is in no message', async (t) => {
	const server = await startSmtpServer();
	t.teardown(() => server.stop());
	const wrong = await mailTo(server, {password: new Secret('not-the-password')});
	t.teardown(() => wrong.close());
	const refused = await wrong.send(message('requester@example.org'));
	t.like(refused, {result: 'retry'});
	t.regex(refused.result === 'retry' ? refused.reason : '', /EAUTH/u);
	t.false(JSON.stringify(refused).includes('not-the-password'));
	const untrusted = await mailTo(server, {ca: undefined});
	t.teardown(() => untrusted.close());
	const tls = await untrusted.send(message('requester@example.org'));
	t.like(tls, {result: 'retry'});
	t.regex(tls.result === 'retry' ? tls.reason : '', /certificate/iu);
	t.deepEqual(await server.messages(), []);
});

test('an SMTP password is never sent without TLS', (t) => {
	t.throws(
		() =>
			mailChannel({
				host: '127.0.0.1',
				port: 25,
				security: 'none',
				user: 'u',
				password: new Secret('p'),
				from: 'ivjm@example.org',
			}),
		{message: /never sent without TLS/u},
	);
});
