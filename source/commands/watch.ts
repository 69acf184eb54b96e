import {configFilePath} from '../config/settings.js';
import {readConfigFile} from '../config/config-file.js';
import {displayMessage} from '../text/display-text.js';
import {startWatch} from '../watch/start-watch.js';
import {mergeWatchSettings, notificationChoices, securityChoices} from '../watch/watch-config.js';
import type {WatchRole} from '../watch/watch-role.js';
import {channelsFor, WatchSettingsError, type WatchSettings} from '../watch/watch-settings.js';
import type {Channel} from '../watch/channels/channel.js';
import {exitCodes} from './exit-codes.js';
import {defineCommand} from './kit/define-command.js';
import {biobankChoices} from './kit/flags.js';
import {UsageError} from './kit/usage-error.js';

const next = '`ivjm help watch` says what it takes; the readme, "Watch and notifications".';

/** `ivjm watch`: tells each change of your jobs (or a biobank's requests) once, until stopped. */
export const watchCommand = defineCommand({
	name: 'watch',
	summary: 'tell each change of your jobs (analyst: new requests) once, by terminal, mail, webhook',
	details: [
		'Runs until Ctrl-C or SIGTERM (with --once: one poll, sends what is due, exits). Each change',
		'is told once per channel, also across restarts and kill -9: what was sent is kept in',
		'<XDG state>/ivjm/watch/. The first poll of a channel records the bucket as it is.',
		'Channels also come from the "watch" key of config.json; the SMTP password from',
		'IVJM_SMTP_PASSWORD. Exit code 6 when the last poll could not read the bucket or send.',
	],
	flags: {
		biobank: {
			type: 'string',
			value: 'B',
			help: 'watch the requests to this biobank (an analyst); default: your own jobs',
			choices: biobankChoices,
		},
		smtp: {type: 'string', value: 'HOST:PORT', help: 'send mail through this SMTP server'},
		smtpSecurity: {
			type: 'string',
			value: 'MODE',
			help: `${securityChoices.join(', ')} (default starttls)`,
			choices: {what: 'SMTP security', values: () => securityChoices},
		},
		smtpUser: {type: 'string', value: 'NAME', help: 'SMTP user (password: IVJM_SMTP_PASSWORD)'},
		mailFrom: {type: 'string', value: 'ADDRESS', help: 'the sender of the mails'},
		mailTo: {
			type: 'strings',
			value: 'ADDRESS',
			help: "the recipients (default: each job's requester; an analyst must give them)",
		},
		webhook: {type: 'string', value: 'URL', help: 'POST each change as JSON (Slack-compatible)'},
		interval: {type: 'string', value: 'SECONDS', help: 'between polls (default 60, ± 20 %)'},
		once: {type: 'boolean', help: 'poll once, send what is due, exit (cron, tests)'},
		noTerminal: {type: 'boolean', help: 'no lines on stdout (default: on at a terminal)'},
		notification: {
			type: 'string',
			value: 'KIND',
			help: `desktop notification: ${notificationChoices.join(', ')} (default auto)`,
			choices: {what: 'notification', values: () => notificationChoices},
		},
	},
	async run({flags, session, out, tell}) {
		const configFile = configFilePath();
		const config = await readConfigFile(configFile);
		const settings = mergeWatchSettings(
			{
				smtp: flags.smtp,
				smtpSecurity: flags.smtpSecurity as WatchSettings['smtpSecurity'],
				smtpUser: flags.smtpUser,
				mailFrom: flags.mailFrom,
				mailTo: flags.mailTo,
				webhook: flags.webhook,
				intervalSeconds: flags.interval === undefined ? undefined : seconds(flags.interval),
				terminal: flags.noTerminal ? false : undefined,
				notification: flags.notification as WatchSettings['notification'],
			},
			config?.watch,
		);
		const biobank =
			flags.biobank ?? (config?.role === 'analyst' ? config.biobank : undefined) ?? undefined;
		// Settings that cannot work stop the command before it signs in.
		await checkSettings(settings, biobank);
		const opened = await session();
		const role: WatchRole = biobank
			? {kind: 'analyst', biobank}
			: {kind: 'researcher', user: opened.user};
		const stop = new AbortController();
		const onSignal = () => stop.abort();
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
		try {
			const result = await startWatch(opened, role, {
				settings,
				once: flags.once,
				environment: process.env,
				// With --json, stdout holds only the document: the event lines go to stderr.
				output: flags.json ? process.stderr : process.stdout,
				log: (line) => tell(displayMessage(line)),
				signal: stop.signal,
			}).catch(usageOf);
			if (flags.json) {
				out.json('watch', {
					role: role.kind,
					watched: role.kind === 'analyst' ? role.biobank : role.user,
					scope: result.scope,
					channels: result.channels,
					polls: result.polls,
					ok: result.ok,
				});
			}

			return result.ok ? exitCodes.ok : exitCodes.transfer;
		} finally {
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
		}
	},
});

async function checkSettings(settings: WatchSettings, biobank: string | undefined): Promise<void> {
	const role: WatchRole = biobank ? {kind: 'analyst', biobank} : {kind: 'researcher', user: ''};
	let channels: Channel[];
	try {
		channels = channelsFor(settings, {role, environment: process.env, output: process.stderr});
	} catch (error) {
		return usageOf(error);
	}

	for (const channel of channels) await channel.close();
}

function usageOf(error: unknown): never {
	if (error instanceof WatchSettingsError) throw new UsageError(error.message, next);
	throw error;
}

function seconds(text: string): number {
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value)) {
		throw new UsageError(`--interval ${JSON.stringify(text)} is not a number of seconds.`, next);
	}

	return value;
}
