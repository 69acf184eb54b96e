import {PassThrough} from 'node:stream';
import {text} from 'node:stream/consumers';
import test from 'ava';
import {
	desktopNotificationBytes,
	detectDesktopNotification,
} from '../../source/watch/channels/desktop-notification.js';
import {planMail} from '../../source/watch/channels/mail-channel.js';
import {terminalChannel} from '../../source/watch/channels/terminal-channel.js';
import type {OutgoingMessage} from '../../source/watch/channels/channel.js';
import {digestSubject, eventDetails, eventHeadline} from '../../source/watch/event-text.js';
import {isMailAddress} from '../../source/watch/mail-address.js';
import {mailMessage} from '../../source/watch/mail-message.js';
import {webhookPayload} from '../../source/watch/webhook-payload.js';
import type {WatchEvent} from '../../source/watch/watch-event.js';

// Text a task.json or a marker can carry: OSC 0 (title), OSC 52 (clipboard), CSI, C1 CSI, BEL,
// a bidi override, a newline, a CR and a Slack mention.
const hostile =
	'PRS\u001B]0;owned\u0007 \u001B]52;c;ZWNobyBoaQ==\u0007\u001B[2J\u009B31m\u202Etxt.exe\nnext\rline <!channel> & <b>';

const failed: WatchEvent = {
	id: 'e1',
	kind: 'failed',
	jobId: '1795600000-requester',
	user: 'requester',
	biobank: 'HUS',
	observedAt: '2026-11-25T10:00:00.000Z',
	details: {
		name: hostile,
		by: `analyst${hostile}`,
		reason: `out of memory ${hostile}`,
		requestor: 'requester@example.org',
	},
};

const message = (events: WatchEvent[], to?: string): OutgoingMessage => ({
	delivery: {
		id: 'd2',
		events: events.map((event) => event.id),
		to,
		state: 'pending',
		attempts: 0,
		createdAt: '2026-11-25T10:00:01.000Z',
	},
	events,
	identity: '0123456789abcdef.d2',
	redelivery: false,
});

// eslint-disable-next-line no-control-regex -- control characters are what must not get through
const controls = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

test("other people's text reaches the headline, the details and a mail subject without a control character", (t) => {
	for (const line of [eventHeadline(failed), ...eventDetails(failed), digestSubject([failed])]) {
		t.notRegex(line, controls, line);
	}

	t.regex(eventHeadline(failed), /^HUS: failed — 1795600000-requester “PRS␛\]0;owned␇/u);
	t.regex(eventDetails(failed)[0] ?? '', /^reason: out of memory PRS␛/u);
});

test('the terminal shows a line per event and one desktop notification, and no escape sequence from the task', async (t) => {
	const output = Object.assign(new PassThrough(), {isTTY: true});
	const channel = terminalChannel({output, notification: 'osc9'});
	const outcome = await channel.send(message([failed]));
	output.end();
	const written = await text(output);
	t.deepEqual(outcome, {result: 'sent'});
	const [lines, notification] = [
		written.slice(0, written.lastIndexOf('\n')),
		written.slice(written.lastIndexOf('\n') + 1),
	];
	for (const line of lines.split('\n')) t.notRegex(line, controls);
	t.regex(lines, /HUS: failed — 1795600000-requester/u);
	t.regex(lines, /\n {20}reason: out of memory/u);
	t.true(notification.startsWith('\u001B]9;HUS: failed'));
	t.true(notification.endsWith('\u0007'));
	t.notRegex(notification.slice(4, -1), controls);
});

test('without a terminal, the terminal channel writes the lines only: no bell, no notification', async (t) => {
	const output = new PassThrough();
	await terminalChannel({output}).send(message([failed]));
	output.end();
	const written = await text(output);
	// eslint-disable-next-line no-control-regex -- BEL and ESC are what must not be there
	t.notRegex(written, /[\u0007\u001B]/u);
	t.regex(written, /HUS: failed/u);
});

test('the desktop notification follows the terminal, and inside tmux only the bell is sent', (t) => {
	t.is(detectDesktopNotification({TERM_PROGRAM: 'iTerm.app'}), 'osc9');
	t.is(detectDesktopNotification({TERM_PROGRAM: 'WezTerm'}), 'osc9');
	t.is(detectDesktopNotification({TERM: 'xterm-kitty'}), 'osc99');
	t.is(detectDesktopNotification({TERM: 'foot'}), 'osc777');
	t.is(detectDesktopNotification({TERM: 'rxvt-unicode-256color'}), 'osc777');
	t.is(detectDesktopNotification({TERM: 'xterm-256color', VTE_VERSION: '7006'}), 'osc777');
	t.is(detectDesktopNotification({TERM: 'xterm-256color'}), 'bell');
	t.is(
		detectDesktopNotification({
			TERM: 'tmux-256color',
			TMUX: '/tmp/tmux',
			TERM_PROGRAM: 'iTerm.app',
		}),
		'bell',
	);
	t.is(desktopNotificationBytes('osc777', 'HUS ready'), '\u001B]777;notify;ivjm;HUS ready\u0007');
	t.is(desktopNotificationBytes('osc99', 'HUS ready'), '\u001B]99;;HUS ready\u001B\\');
	t.is(desktopNotificationBytes('off', 'HUS ready'), '');
});

test('a mail is plain text without control characters, and its Message-ID and Date come from the record', (t) => {
	const mail = mailMessage(message([failed], 'requester@example.org'), 'ivjm@biobank.example.org');
	t.is(mail.messageId, '<ivjm.0123456789abcdef.d2@biobank.example.org>');
	t.is(mail.date.toISOString(), '2026-11-25T10:00:01.000Z');
	t.is(mail.headers['Auto-Submitted'], 'auto-generated');
	t.notRegex(mail.subject, controls);
	t.notRegex(mail.text.replaceAll('\n', ' '), controls);
	t.regex(mail.text, /next: ivjm show 1795600000-requester/u);
});

test("a webhook's text is escaped for Slack and its events keep the exact text", (t) => {
	const payload = JSON.parse(webhookPayload(message([failed]))) as {
		text: string;
		id: string;
		events: Array<{reason: string}>;
	};
	t.notRegex(payload.text.replaceAll('\n', ' '), controls);
	t.false(payload.text.includes('<!channel>'));
	t.true(payload.text.includes('&lt;!channel&gt; &amp; &lt;b&gt;'));
	t.is(payload.id, '0123456789abcdef.d2');
	t.is(payload.events[0]?.reason, `out of memory ${hostile}`);
});

test("mail goes to each job's requester, one digest per address, unless --mail-to names the recipients", (t) => {
	const of = (id: string, requestor?: string): WatchEvent => ({
		...failed,
		id,
		details: {requestor},
	});
	const events = [
		of('e1', 'a@example.org'),
		of('e2', 'b@example.org'),
		of('e3', 'A@example.org'),
		of('e4', 'x@y, z@example.org'),
		of('e5'),
	];
	const plan = planMail(events);
	t.deepEqual(
		plan.drafts.map((draft) => [draft.to, draft.events.map((event) => event.id)]),
		[
			['a@example.org', ['e1', 'e3']],
			['b@example.org', ['e2']],
		],
	);
	t.deepEqual(
		plan.unsendable.map(({event, reason}) => [event.id, reason]),
		[
			['e4', 'the e-mail in its task.json is not a plain address; give --mail-to'],
			['e5', 'its task.json names no e-mail; give --mail-to'],
		],
	);
	const fixed = planMail(events, ['me@example.org', 'team@example.org']);
	t.deepEqual(fixed.drafts, [{events, to: 'me@example.org, team@example.org'}]);
});

test('an e-mail address is one plain address', (t) => {
	for (const good of ['jdoe@example.org', 'first.last+tag@sub.example.fi'])
		t.true(isMailAddress(good), good);
	for (const bad of [
		'',
		'jdoe',
		'a@b',
		'x@y, z@example.org',
		'Jane <j@example.org>',
		'a\n@example.org',
		'j@example.org\r\nBcc: x@example.org',
		'.a@example.org',
		'a b@example.org',
		`${'a'.repeat(65)}@example.org`,
	]) {
		t.false(isMailAddress(bad), JSON.stringify(bad));
	}
});
