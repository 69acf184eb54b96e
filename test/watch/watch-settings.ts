import {readFileSync} from 'node:fs';
import {Secret} from '../../source/credentials/secret.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import {createSwiftStore, createTempAuth} from '../../source/storage/swift/index.js';
import type {Channel} from '../../source/watch/channels/channel.js';
import {mailChannel} from '../../source/watch/channels/mail-channel.js';
import {webhookChannel} from '../../source/watch/channels/webhook-channel.js';
import {runWatch, type WatchOptions, type WatchResult} from '../../source/watch/run-watch.js';
import {watchStateFolder} from '../../source/watch/state-file.js';
import {watchScope, watchSources, type WatchRole} from '../../source/watch/watch-role.js';

/** What a test watcher watches and where it sends, as JSON (it crosses into a child process). */
export type WatchSettings = {
	container: string;
	role: WatchRole;
	stateRoot: string;
	smtp?: {host: string; port: number; user: string; from: string; to?: string[]; caFile: string};
	webhook?: string;
	once?: boolean;
	intervalSeconds?: number;
	/** `observed`, `recorded`, `sending:mail`, `sent:webhook` (a point, or a point:channel kind). */
	pauseAt?: string;
};

/**
 * The engine as `ivjm watch` will run it, on the test Swift (tempauth from SWIFT_TEMPAUTH_*):
 * the same call in the test's process (a restart reads the same state files) and in a child
 * that a test kills.
 */
export async function runTestWatch(
	settings: WatchSettings,
	smtpPassword: string,
	more: Pick<WatchOptions, 'log' | 'hooks' | 'signal'>,
): Promise<WatchResult> {
	const auth = createTempAuth({
		authUrl: process.env.SWIFT_TEMPAUTH_URL ?? '',
		user: process.env.SWIFT_TEMPAUTH_USER ?? '',
		key: process.env.SWIFT_TEMPAUTH_KEY ?? '',
	});
	const store = createSwiftStore({auth});
	const channels: Channel[] = [];
	if (settings.smtp) {
		channels.push(
			mailChannel({
				host: settings.smtp.host,
				port: settings.smtp.port,
				security: 'starttls',
				user: settings.smtp.user,
				password: new Secret(smtpPassword),
				from: settings.smtp.from,
				to: settings.smtp.to,
				ca: readFileSync(settings.smtp.caFile, 'utf8'),
			}),
		);
	}

	if (settings.webhook) channels.push(webhookChannel({url: settings.webhook, firstRetryMs: 100}));
	const scope = watchScope(store.description, settings.container, settings.role);
	try {
		return await runWatch({
			sources: watchSources(settings.role, store, settings.container, new TaskCache()),
			channels,
			stateFolder: watchStateFolder(settings.stateRoot, scope),
			scope,
			once: settings.once,
			intervalSeconds: settings.intervalSeconds,
			...more,
		});
	} finally {
		await store.close();
	}
}
