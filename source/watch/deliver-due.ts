import {dueDeliveries, eventsOf, markAttempting, markDone, markRetry} from './deliveries.js';
import type {PollContext, WatchedChannel} from './poll-once.js';
import type {Delivery} from './channel-state.js';
import type {SendOutcome} from './channels/channel.js';

/**
 * Sends one channel's due messages, one at a time: the intent is saved (`attempting`) before
 * each send and the outcome right after it. A kill between the two leaves the message marked
 * `attempting`: the next start sends it again, with the same identity (see the README).
 */
export async function deliverDue(
	watched: WatchedChannel,
	context: PollContext,
): Promise<{sent: number; failed: number; waiting: number}> {
	const {channel, state, file} = watched;
	let sent = 0;
	let failed = 0;
	for (const delivery of dueDeliveries(state, context.clock.now())) {
		if (context.signal?.aborted) break;
		const events = eventsOf(state, delivery);
		const redelivery = delivery.inDoubt === true;
		markAttempting(delivery);
		await file.save(state);
		await context.hooks?.at?.('sending', channel.id);
		let outcome: SendOutcome;
		try {
			outcome = await channel.send(
				{delivery, events, identity: `${state.instance}.${delivery.id}`, redelivery},
				context.signal,
			);
		} catch (error) {
			outcome = {result: 'retry', reason: (error as Error).message};
		}

		if (outcome.result === 'sent') {
			await context.hooks?.at?.('sent', channel.id);
			markDone(state, delivery);
			sent++;
		} else {
			failed++;
			context.log(afterFailure(watched, delivery, outcome, context));
		}

		await file.save(state);
	}

	return {sent, failed, waiting: state.deliveries.length};
}

/** Records a failed send (kept for later, or dropped) and says what became of the message. */
function afterFailure(
	{channel, state}: WatchedChannel,
	delivery: Delivery,
	outcome: Exclude<SendOutcome, {result: 'sent'}>,
	context: PollContext,
): string {
	if (outcome.result === 'refused') {
		markDone(state, delivery);
		return `${channel.label} refused a message for good (${outcome.reason}); it is dropped.`;
	}

	if (!markRetry(state, delivery, outcome.reason, context.clock.now(), context.retry)) {
		return `${channel.label} could not take a message since ${delivery.createdAt} (${outcome.reason}); it is given up.`;
	}

	return `${channel.label} failed (${outcome.reason}); it is tried again from ${delivery.retryAt}.`;
}
