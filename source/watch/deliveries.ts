import type {ChannelState, Delivery} from './channel-state.js';
import type {WatchEvent} from './watch-event.js';

/** How a channel bundles events into messages; `to` for mail. */
export type DeliveryDraft = {events: WatchEvent[]; to?: string};

export type RetryPolicy = {
	/** Wait after the first failed send; doubled after each further one, up to `maxDelayMs`. */
	firstDelayMs: number;
	maxDelayMs: number;
	/** A message that could not be sent for this long is given up (and said so). */
	giveUpAfterMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {
	firstDelayMs: 30_000,
	maxDelayMs: 3_600_000,
	giveUpAfterMs: 3 * 86_400_000,
};

/** Gives each event its id (`e<sequence>`) in this channel's state and keeps it there. */
export function recordEvents(
	state: ChannelState,
	events: ReadonlyArray<Omit<WatchEvent, 'id'>>,
): WatchEvent[] {
	return events.map((event) => {
		const recorded: WatchEvent = {...event, id: `e${state.sequence++}`};
		state.events[recorded.id] = recorded;
		return recorded;
	});
}

/** Records the messages to send, each `pending`, in the order given. */
export function recordDeliveries(
	state: ChannelState,
	drafts: readonly DeliveryDraft[],
	now: number,
): Delivery[] {
	return drafts.map((draft) => {
		const delivery: Delivery = {
			id: `d${state.sequence++}`,
			events: draft.events.map((event) => event.id),
			state: 'pending',
			attempts: 0,
			createdAt: new Date(now).toISOString(),
		};
		if (draft.to !== undefined) delivery.to = draft.to;
		state.deliveries.push(delivery);
		return delivery;
	});
}

/** The deliveries to try now: pending, and past their wait after a failure. */
export function dueDeliveries(state: ChannelState, now: number): Delivery[] {
	return state.deliveries.filter(
		(delivery) =>
			delivery.state === 'pending' &&
			(delivery.retryAt === undefined || Date.parse(delivery.retryAt) <= now),
	);
}

export function eventsOf(state: ChannelState, delivery: Delivery): WatchEvent[] {
	return delivery.events.flatMap((id) => {
		const event = state.events[id];
		return event ? [event] : [];
	});
}

/** Recorded before the send: found so at the next start, the send is in doubt. */
export function markAttempting(delivery: Delivery): void {
	delivery.state = 'attempting';
	delivery.attempts++;
}

/** Sent (or refused for good): the delivery leaves the state, and events no delivery needs. */
export function markDone(state: ChannelState, delivery: Delivery): void {
	state.deliveries = state.deliveries.filter((candidate) => candidate !== delivery);
	pruneEvents(state);
}

/**
 * A send that failed and may work later: pending again after a growing wait. Returns false when
 * the message has waited longer than the policy allows: it is dropped, and the caller says so.
 */
export function markRetry(
	state: ChannelState,
	delivery: Delivery,
	reason: string,
	now: number,
	policy: RetryPolicy,
): boolean {
	if (now - Date.parse(delivery.createdAt) >= policy.giveUpAfterMs) {
		markDone(state, delivery);
		return false;
	}

	const wait = Math.min(
		policy.firstDelayMs * 2 ** Math.max(0, delivery.attempts - 1),
		policy.maxDelayMs,
	);
	delivery.state = 'pending';
	delivery.retryAt = new Date(now + wait).toISOString();
	delivery.lastError = reason;
	return true;
}

/** Drops the events no delivery refers to any more. */
export function pruneEvents(state: ChannelState): void {
	const needed = new Set(state.deliveries.flatMap((delivery) => delivery.events));
	for (const id of Object.keys(state.events)) {
		if (!needed.has(id)) delete state.events[id];
	}
}
