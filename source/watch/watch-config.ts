import {z} from 'zod';
import type {WatchSettings} from './watch-settings.js';

const notificationChoices = ['auto', 'osc9', 'osc777', 'osc99', 'bell', 'off'] as const;
const securityChoices = ['starttls', 'tls', 'none'] as const;

const text = (what: string) =>
	z
		.string({error: `must be ${what}`})
		.trim()
		.min(1, {error: `must not be empty: ${what}`});

/**
 * The `watch` key of config.json: `ivjm watch`'s channels, so a cron line or a service needs no
 * flags. Its values are checked again, with the flag's words, by `channelsFor`.
 */
export const watchConfigSchema = z
	.strictObject(
		{
			smtp: text('"HOST:PORT" of the SMTP server, e.g. "smtp.example.org:587"'),
			smtpSecurity: z.enum(securityChoices, {
				error: `"smtpSecurity" must be one of ${securityChoices.join(', ')}`,
			}),
			smtpUser: text('the SMTP user name (its password in IVJM_SMTP_PASSWORD)'),
			mailFrom: text('the sender, e.g. "ivjm@example.org"'),
			mailTo: z.array(text('an address, e.g. "me@example.org"'), {
				error: '"mailTo" must be a list of addresses, e.g. ["me@example.org"]',
			}),
			webhook: text('the webhook URL, e.g. "https://hooks.slack.com/services/…"'),
			intervalSeconds: z
				.number({error: '"intervalSeconds" must be a number of seconds, e.g. 60'})
				.int({error: '"intervalSeconds" must be a whole number of seconds'}),
			terminal: z.boolean({error: '"terminal" must be true or false'}),
			notification: z.enum(notificationChoices, {
				error: `"notification" must be one of ${notificationChoices.join(', ')}`,
			}),
		},
		{
			error:
				'must be an object of smtp, smtpSecurity, smtpUser, mailFrom, mailTo, webhook, intervalSeconds, terminal, notification',
		},
	)
	.partial();

export type WatchConfig = z.infer<typeof watchConfigSchema>;

export {notificationChoices, securityChoices};

/** Flags over the config file's `watch` key, key by key; `mailTo` from flags replaces the file's. */
export function mergeWatchSettings(flags: WatchSettings, file: WatchConfig = {}): WatchSettings {
	const merged: WatchSettings = {...file};
	for (const [key, value] of Object.entries(flags)) {
		if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
		(merged as Record<string, unknown>)[key] = value;
	}

	return merged;
}
