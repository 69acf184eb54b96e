import type {Clock} from '../jobs/clock.js';
import {mapLimit} from '../util/map-limit.js';
import type {ChannelState} from './channel-state.js';
import type {Channel} from './channels/channel.js';
import {compareWithSeen} from './changes.js';
import {recordDeliveries, recordEvents, pruneEvents, type RetryPolicy} from './deliveries.js';
import {deliverDue} from './deliver-due.js';
import type {Observation, WatchSource} from './observation.js';
import type {ChannelStateFile} from './state-file.js';
import type {EventDetails, WatchEvent} from './watch-event.js';

/** Small GETs at once when many changes come together (the first poll after a long stop). */
const describeAtOnce = 8;

/** A channel with its state, as loaded (and locked) for this run. */
export type WatchedChannel = {channel: Channel; file: ChannelStateFile; state: ChannelState};

/**
 * Where a test may stop the watcher (and kill it there): after the poll was observed, after the
 * changes were recorded, just before a send (its intent recorded), just after the receiver took it.
 */
export type PausePoint = 'observed' | 'recorded' | 'sending' | 'sent';

export type WatchHooks = {at?(point: PausePoint, channel?: string): void | Promise<void>};

export type PollContext = {
	sources: readonly WatchSource[];
	channels: readonly WatchedChannel[];
	clock: Clock;
	retry: RetryPolicy;
	/** Messages for the person running it (stderr). */
	log: (line: string) => void;
	hooks?: WatchHooks;
	signal?: AbortSignal;
};

export type PollReport = {
	observed: number;
	/** Events recorded, added over the channels. */
	recorded: number;
	sent: number;
	/** Sends that failed in this poll (kept to try again, or refused and dropped). */
	failed: number;
	/** Deliveries still to send (failed for now, or not yet due). */
	waiting: number;
	/** Channels whose first poll this was: the state now is their baseline. */
	baselines: string[];
};

/**
 * One poll: observe the bucket once, then for each channel record what changed since it last
 * looked (events and the messages to send, in one atomic write with the new "seen" state), and
 * only then send what is due. Observe → record → send → confirm: a kill before the record loses
 * nothing (the next poll sees the same change), a kill after it sends from the record.
 */
export async function pollOnce(context: PollContext): Promise<PollReport> {
	const observations = (
		await Promise.all(context.sources.map((source) => source.observe(context.signal)))
	).flat();
	await context.hooks?.at?.('observed');
	const now = context.clock.now();
	const today = Math.floor(now / 86_400_000);
	const comparisons = context.channels.map((watched) => ({
		watched,
		baseline: watched.state.seen === undefined,
		...compareWithSeen(watched.state.seen, observations, today),
	}));

	// Each change is described once (task.json, marker body), whichever channels report it.
	const described = new Map<string, Promise<EventDetails>>();
	const describe = (observation: Observation) => {
		let details = described.get(observation.subject);
		if (!details) {
			details = observation.describe?.(context.signal) ?? Promise.resolve({});
			described.set(observation.subject, details);
		}

		return details;
	};

	const report: PollReport = {
		observed: observations.length,
		recorded: 0,
		sent: 0,
		failed: 0,
		waiting: 0,
		baselines: [],
	};
	for (const {watched, baseline, changes, next, dirty} of comparisons) {
		const {state, channel} = watched;
		if (baseline) report.baselines.push(channel.id);
		if (changes.length > 0) {
			const drafts = await mapLimit(changes, describeAtOnce, async (change) =>
				eventOf(change, await describe(change), now),
			);
			const events = recordEvents(state, drafts);
			const plan = channel.plan(events);
			for (const {event, reason} of plan.unsendable) {
				context.log(
					`Not sent by ${channel.label}: ${event.jobId} at ${event.biobank ?? '?'}: ${reason}.`,
				);
			}

			recordDeliveries(state, plan.drafts, now);
			pruneEvents(state);
			report.recorded += events.length;
		}

		state.seen = next;
		if (dirty || changes.length > 0) await watched.file.save(state);
	}

	await context.hooks?.at?.('recorded');
	// One channel after the other: a stop in one channel's send never catches another mid-send.
	for (const watched of context.channels) {
		const outcome = await deliverDue(watched, context);
		report.sent += outcome.sent;
		report.failed += outcome.failed;
		report.waiting += outcome.waiting;
	}

	return report;
}

function eventOf(change: Observation, details: EventDetails, now: number): Omit<WatchEvent, 'id'> {
	const event: Omit<WatchEvent, 'id'> = {
		kind: change.event ?? 'claimed',
		jobId: change.jobId,
		user: change.user,
		observedAt: new Date(now).toISOString(),
		details,
	};
	if (change.biobank !== undefined) event.biobank = change.biobank;
	return event;
}
