import {setTimeout as sleep} from 'node:timers/promises';
import {systemClock, type Clock} from '../jobs/clock.js';
import type {Channel} from './channels/channel.js';
import {defaultRetryPolicy, type RetryPolicy} from './deliveries.js';
import type {WatchSource} from './observation.js';
import {pollOnce, type PollReport, type WatchHooks, type WatchedChannel} from './poll-once.js';
import {ChannelStateFile} from './state-file.js';

/** Seconds between polls unless told otherwise: a job takes days, a minute late is on time. */
export const defaultIntervalSeconds = 60;

/** Each wait is the interval ± this share of it, so many watchers do not poll in step. */
export const defaultJitter = 0.2;

export type WatchOptions = {
	sources: WatchSource[];
	channels: Channel[];
	/** The scope's folder (`watchStateFolder`): one state file per channel. */
	stateFolder: string;
	/** Store, bucket and role in words, for messages and the state files. */
	scope: string;
	intervalSeconds?: number;
	jitter?: number;
	/** One poll, send what is due, return (cron, tests). */
	once?: boolean;
	clock?: Clock;
	retry?: RetryPolicy;
	random?: () => number;
	log: (line: string) => void;
	hooks?: WatchHooks;
	/** After each poll (the task cache writes itself to disk). */
	afterPoll?: () => Promise<void>;
	signal?: AbortSignal;
};

export type WatchResult = {
	polls: number;
	/** The last poll observed the bucket and every send it tried went through. */
	ok: boolean;
};

/**
 * `ivjm watch`: polls until the signal aborts (or once), each poll through `pollOnce`. A poll that
 * fails (the store unreachable, a send refused) is said and the next one tries again.
 */
export async function runWatch(options: WatchOptions): Promise<WatchResult> {
	const channels = await openChannels(options);
	const interval = (options.intervalSeconds ?? defaultIntervalSeconds) * 1000;
	const jitter = options.jitter ?? defaultJitter;
	const random = options.random ?? Math.random;
	const context = {
		sources: options.sources,
		channels,
		clock: options.clock ?? systemClock,
		retry: options.retry ?? defaultRetryPolicy,
		log: options.log,
		hooks: options.hooks,
		signal: options.signal,
	};
	const result: WatchResult = {polls: 0, ok: true};
	options.log(
		`Watching ${options.scope} for ${channels.map(({channel}) => channel.label).join(', ')}` +
			(options.once ? ' (one poll).' : `, every ${interval / 1000} s.`),
	);
	try {
		for (;;) {
			result.polls++;
			try {
				const report = await pollOnce(context);
				result.ok = report.failed === 0;
				sayBaselines(report, channels, options.log);
			} catch (error) {
				if (options.signal?.aborted) break;
				result.ok = false;
				options.log(`The poll failed: ${(error as Error).message}`);
			}

			await options.afterPoll?.();
			if (options.once || options.signal?.aborted) break;
			const wait = interval * (1 + jitter * (2 * random() - 1));
			try {
				await sleep(wait, undefined, {signal: options.signal});
			} catch {
				break;
			}
		}
	} finally {
		await closeChannels(channels);
	}

	return result;
}

async function openChannels(options: WatchOptions): Promise<WatchedChannel[]> {
	const opened: WatchedChannel[] = [];
	try {
		for (const channel of options.channels) {
			const {file, state} = await ChannelStateFile.open(
				options.stateFolder,
				channel.id,
				options.scope,
			);
			opened.push({channel, file, state});
		}
	} catch (error) {
		for (const {file} of opened) await file.close();
		for (const channel of options.channels) await channel.close().catch(() => undefined);
		throw error;
	}

	return opened;
}

async function closeChannels(channels: readonly WatchedChannel[]): Promise<void> {
	for (const {channel, file} of channels) {
		await channel.close().catch(() => undefined);
		await file.close();
	}
}

function sayBaselines(
	report: PollReport,
	channels: readonly WatchedChannel[],
	log: (line: string) => void,
): void {
	for (const id of report.baselines) {
		const label = channels.find(({channel}) => channel.id === id)?.channel.label ?? id;
		log(
			`First poll for ${label}: ${report.observed} states recorded as they are; ` +
				'changes from now on are sent.',
		);
	}
}
