import {randomBytes} from 'node:crypto';
import {z} from 'zod';
import type {Seen} from './changes.js';
import {eventKinds, type WatchEvent} from './watch-event.js';

/**
 * One message on one channel (a terminal batch, a mail digest to one address, a webhook POST)
 * and where it stands. A delivery leaves the state once it was sent or refused for good.
 * - `pending`: not sent yet (or sent and refused for a while: `retryAt`);
 * - `attempting`: recorded just before the send, and not confirmed since. Found so at start, the
 *   process died during the send: the message may have arrived or not (in doubt), and it is
 *   sent again with the same identity (Message-ID, Idempotency-Key).
 */
export type Delivery = {
	id: string;
	/** Event ids, in the order shown. */
	events: string[];
	/** The mail recipient. */
	to?: string;
	state: 'pending' | 'attempting';
	attempts: number;
	/** ISO time the delivery was recorded; the mail's Date. */
	createdAt: string;
	retryAt?: string;
	lastError?: string;
	/** It was found `attempting` at a start: this send repeats one that may have arrived. */
	inDoubt?: boolean;
};

/** What one channel (`<state>/watch/<scope>/<channel>.json`) keeps between polls and runs. */
export type ChannelState = {
	version: 1;
	channel: string;
	/** For people reading the file: which store, bucket and role it follows. */
	scope: string;
	/** Random, fixed for the file's life: makes its message ids unique across files and machines. */
	instance: string;
	/** The next sequence number for event and delivery ids. */
	sequence: number;
	/** Absent until the channel's first poll, which is the baseline. */
	seen?: Seen;
	events: Record<string, WatchEvent>;
	deliveries: Delivery[];
};

export function newChannelState(channel: string, scope: string): ChannelState {
	return {
		version: 1,
		channel,
		scope,
		instance: randomBytes(8).toString('hex'),
		sequence: 1,
		events: {},
		deliveries: [],
	};
}

const seenSchema = z.record(
	z.string(),
	z.object({s: z.string(), t: z.string().optional(), g: z.number().optional()}),
);

const eventSchema = z.object({
	id: z.string(),
	kind: z.enum(eventKinds as [string, ...string[]]),
	jobId: z.string(),
	user: z.string(),
	biobank: z.string().optional(),
	observedAt: z.string(),
	details: z.object({
		name: z.string().optional(),
		requestor: z.string().optional(),
		by: z.string().optional(),
		reason: z.string().optional(),
		resultFiles: z.number().optional(),
		resultBytes: z.number().optional(),
	}),
});

const deliverySchema = z.object({
	id: z.string(),
	events: z.array(z.string()),
	to: z.string().optional(),
	state: z.enum(['pending', 'attempting']),
	attempts: z.number().int().min(0),
	createdAt: z.string(),
	retryAt: z.string().optional(),
	lastError: z.string().optional(),
	inDoubt: z.boolean().optional(),
});

const stateSchema = z.object({
	version: z.literal(1),
	channel: z.string(),
	scope: z.string(),
	instance: z.string().regex(/^[\da-f]{8,64}$/u),
	sequence: z.number().int().min(1),
	seen: seenSchema.optional(),
	events: z.record(z.string(), eventSchema),
	deliveries: z.array(deliverySchema),
});

/** The state as written, or why it cannot be used (the caller names the file and the fix). */
export function parseChannelState(
	text: string,
): {ok: true; state: ChannelState} | {ok: false; reason: string} {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return {ok: false, reason: `not JSON (${(error as Error).message})`};
	}

	const parsed = stateSchema.safeParse(value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return {ok: false, reason: `${issue?.path.join('.') || 'the file'}: ${issue?.message ?? ''}`};
	}

	return {ok: true, state: parsed.data as ChannelState};
}
