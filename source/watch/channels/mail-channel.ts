import type {Secret} from '../../credentials/secret.js';
import type {DeliveryDraft} from '../deliveries.js';
import {isMailAddress} from '../mail-address.js';
import {mailMessage} from '../mail-message.js';
import type {WatchEvent} from '../watch-event.js';
import type {Channel, OutgoingMessage, SendOutcome, Unsendable} from './channel.js';

/**
 * - `starttls` (default): plain connection, then STARTTLS, which the server must offer;
 * - `tls`: TLS from the first byte (port 465);
 * - `none`: no TLS at all, for a relay on the same host; refused together with a password.
 */
export type SmtpSecurity = 'starttls' | 'tls' | 'none';

export type MailSettings = {
	host: string;
	port: number;
	security: SmtpSecurity;
	user?: string;
	password?: Secret;
	from: string;
	/** Every mail goes here; without it, each job's requester e-mail (task.json `requestor`). */
	to?: string[];
	/** Certificate authorities to trust for the server besides the system's (tests). */
	ca?: string;
	timeoutMs?: number;
};

/** E-mail over SMTP with nodemailer: one digest per recipient per poll. */
export function mailChannel(settings: MailSettings): Channel {
	if (settings.security === 'none' && settings.password) {
		throw new RangeError(
			'An SMTP password is never sent without TLS: use STARTTLS (the default) or TLS, or no password.',
		);
	}

	const timeout = settings.timeoutMs ?? 60_000;
	// nodemailer (about 300 KB of code) is loaded at the first mail, not at every start of ivjm.
	let transport: ReturnType<typeof openTransport> | undefined;
	const openTransport = async () =>
		(await import('nodemailer')).default.createTransport({
			host: settings.host,
			port: settings.port,
			secure: settings.security === 'tls',
			requireTLS: settings.security === 'starttls',
			ignoreTLS: settings.security === 'none',
			auth:
				settings.user && settings.password
					? {user: settings.user, pass: settings.password.reveal()}
					: undefined,
			tls: settings.ca ? {ca: settings.ca} : undefined,
			connectionTimeout: timeout,
			greetingTimeout: timeout,
			socketTimeout: timeout,
			// Our messages are text we build; nothing may make nodemailer read a file or a URL.
			disableFileAccess: true,
			disableUrlAccess: true,
		});
	return {
		id: 'mail',
		label: `e-mail via ${settings.host}:${settings.port}`,
		plan: (events) => planMail(events, settings.to),
		async send(message: OutgoingMessage): Promise<SendOutcome> {
			try {
				transport ??= openTransport();
				await (await transport).sendMail(mailMessage(message, settings.from));
				return {result: 'sent'};
			} catch (error) {
				return smtpOutcome(error as Error & {code?: string; responseCode?: number});
			}
		},
		async close() {
			if (transport) (await transport.catch(() => undefined))?.close();
		},
	};
}

/** Events to one fixed list of addresses, or grouped by the address each job's requester gave. */
export function planMail(
	events: readonly WatchEvent[],
	to?: readonly string[],
): {drafts: DeliveryDraft[]; unsendable: Unsendable[]} {
	if (events.length === 0) return {drafts: [], unsendable: []};
	if (to && to.length > 0)
		return {drafts: [{events: [...events], to: to.join(', ')}], unsendable: []};
	const byAddress = new Map<string, WatchEvent[]>();
	const unsendable: Unsendable[] = [];
	for (const event of events) {
		const address = event.details.requestor?.trim();
		if (!address || !isMailAddress(address)) {
			unsendable.push({
				event,
				reason: address
					? 'the e-mail in its task.json is not a plain address; give --mail-to'
					: 'its task.json names no e-mail; give --mail-to',
			});
			continue;
		}

		const key = address.toLowerCase();
		byAddress.set(key, [...(byAddress.get(key) ?? []), event]);
	}

	const drafts = [...byAddress.values()].map((group) => ({
		events: group,
		to: group[0]?.details.requestor?.trim(),
	}));
	return {drafts, unsendable};
}

/**
 * A recipient or message the server refused with a 5xx will never pass; anything else (no
 * connection, TLS, a wrong password, a 4xx "try later") is a channel problem that may pass.
 */
function smtpOutcome(error: Error & {code?: string; responseCode?: number}): SendOutcome {
	const permanent =
		(error.code === 'EENVELOPE' || error.code === 'EMESSAGE') && (error.responseCode ?? 0) >= 500;
	const reason = `${error.code ? `${error.code}: ` : ''}${error.message}`;
	return permanent ? {result: 'refused', reason} : {result: 'retry', reason};
}
