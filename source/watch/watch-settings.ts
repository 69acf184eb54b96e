import {Secret} from '../credentials/secret.js';
import type {Channel} from './channels/channel.js';
import {mailChannel, type SmtpSecurity} from './channels/mail-channel.js';
import {terminalChannel} from './channels/terminal-channel.js';
import {webhookChannel} from './channels/webhook-channel.js';
import type {NotificationChoice} from './channels/desktop-notification.js';
import {isMailAddress} from './mail-address.js';
import type {WatchRole} from './watch-role.js';

/** `ivjm watch`'s settings, from flags and the config file (the command merges the two). */
export type WatchSettings = {
	/** `HOST:PORT` (`[::1]:25` for IPv6); the port defaults by `smtpSecurity`: 587, 465, 25. */
	smtp?: string;
	smtpSecurity?: SmtpSecurity;
	/** Sign in to the SMTP server as this user; the password comes from `IVJM_SMTP_PASSWORD`. */
	smtpUser?: string;
	mailFrom?: string;
	/** Every mail goes to these; without them, to each job's requester (researcher role only). */
	mailTo?: readonly string[];
	webhook?: string;
	/** Lines on stdout; default: on when stdout is a terminal or no other channel is set. */
	terminal?: boolean;
	notification?: NotificationChoice;
	intervalSeconds?: number;
};

/** The environment variable that holds the SMTP password: never a flag, never the config file. */
export const smtpPasswordVariable = 'IVJM_SMTP_PASSWORD';

/** Polls closer than this would cost the store without telling anyone sooner. */
export const minIntervalSeconds = 10;

/** Settings that cannot work together: the message names the flag and the fix (exit code 2). */
export class WatchSettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WatchSettingsError';
	}
}

export type ChannelContext = {
	role: WatchRole;
	environment: NodeJS.ProcessEnv;
	output: NodeJS.WritableStream & {isTTY?: boolean};
};

/** The channels the settings ask for, checked; throws `WatchSettingsError` with the fix. */
export function channelsFor(settings: WatchSettings, context: ChannelContext): Channel[] {
	checkInterval(settings.intervalSeconds);
	const channels: Channel[] = [];
	const mail = mailSettings(settings, context);
	if (mail) channels.push(mail);
	if (settings.webhook !== undefined)
		channels.push(webhookChannel({url: webhookUrl(settings.webhook)}));
	const terminal = settings.terminal ?? (context.output.isTTY === true || channels.length === 0);
	if (terminal) {
		channels.unshift(
			terminalChannel({
				output: context.output as Parameters<typeof terminalChannel>[0]['output'],
				notification: settings.notification,
				environment: context.environment,
			}),
		);
	}

	if (channels.length === 0) {
		throw new WatchSettingsError(
			'No channel is left: give --smtp, --webhook, or leave the terminal on.',
		);
	}

	return channels;
}

function mailSettings(settings: WatchSettings, context: ChannelContext): Channel | undefined {
	if (settings.smtp === undefined) {
		for (const [flag, value] of [
			['--mail-from', settings.mailFrom],
			['--mail-to', settings.mailTo],
			['smtpUser', settings.smtpUser],
		] as const) {
			if (value !== undefined) throw new WatchSettingsError(`${flag} needs --smtp HOST:PORT.`);
		}

		return undefined;
	}

	const security = settings.smtpSecurity ?? 'starttls';
	const {host, port} = parseSmtpAddress(settings.smtp, security);
	const from = settings.mailFrom;
	if (from === undefined || !isMailAddress(from)) {
		throw new WatchSettingsError(
			from === undefined
				? 'Mail needs a sender: give --mail-from you@example.org.'
				: `--mail-from ${JSON.stringify(from)} is not one plain address (name@example.org).`,
		);
	}

	const to = settings.mailTo?.map((address) => address.trim());
	for (const address of to ?? []) {
		if (!isMailAddress(address)) {
			throw new WatchSettingsError(
				`--mail-to ${JSON.stringify(address)} is not one plain address (name@example.org).`,
			);
		}
	}

	if (context.role.kind === 'analyst' && (to === undefined || to.length === 0)) {
		throw new WatchSettingsError(
			"An analyst's mail needs --mail-to: the requester is not the one to tell of a new request.",
		);
	}

	const password = context.environment[smtpPasswordVariable];
	if (settings.smtpUser !== undefined && !password) {
		throw new WatchSettingsError(
			`The SMTP user ${settings.smtpUser} needs its password in ${smtpPasswordVariable}.`,
		);
	}

	if (settings.smtpUser !== undefined && security === 'none') {
		throw new WatchSettingsError(
			'An SMTP password is never sent without TLS: use smtpSecurity "starttls" or "tls".',
		);
	}

	return mailChannel({
		host,
		port,
		security,
		user: settings.smtpUser,
		password: settings.smtpUser === undefined ? undefined : new Secret(password ?? ''),
		from,
		to: to && to.length > 0 ? to : undefined,
	});
}

const defaultPorts: Record<SmtpSecurity, number> = {starttls: 587, tls: 465, none: 25};

/** `smtp.example.org:587`, `smtp.example.org` (port by security), `[::1]:25`. */
export function parseSmtpAddress(
	text: string,
	security: SmtpSecurity = 'starttls',
): {host: string; port: number} {
	const match = /^(?:\[([\da-f:.]+)\]|([^\s:[\]/]+))(?::(\d{1,5}))?$/iu.exec(text.trim());
	const host = match?.[1] ?? match?.[2];
	const port = match?.[3] === undefined ? defaultPorts[security] : Number(match[3]);
	if (!host || port < 1 || port > 65_535) {
		throw new WatchSettingsError(
			`--smtp ${JSON.stringify(text)} is not HOST:PORT (smtp.example.org:587).`,
		);
	}

	return {host, port};
}

function webhookUrl(text: string): string {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new WatchSettingsError('--webhook is not a URL (https://hooks.example.org/…).');
	}

	// The path of a Slack hook is its secret: it is not repeated in the message.
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new WatchSettingsError(`--webhook must be an http or https URL, not ${url.protocol}.`);
	}

	return url.href;
}

function checkInterval(seconds: number | undefined): void {
	if (seconds === undefined) return;
	if (!Number.isFinite(seconds) || seconds < minIntervalSeconds) {
		throw new WatchSettingsError(`--interval must be at least ${minIntervalSeconds} seconds.`);
	}
}
