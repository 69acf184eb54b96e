import type {Delivery} from '../channel-state.js';
import type {DeliveryDraft} from '../deliveries.js';
import type {WatchEvent} from '../watch-event.js';

/** One message to send: its delivery, its events, and the identity every resend keeps. */
export type OutgoingMessage = {
	delivery: Delivery;
	events: WatchEvent[];
	/** `<instance>.<delivery id>`: the Message-ID of a mail, the Idempotency-Key of a POST. */
	identity: string;
	/** The previous run died while sending this: it may already have arrived once. */
	redelivery: boolean;
};

/**
 * - `sent`: the receiver took it;
 * - `retry`: it may work later (server down, 4xx SMTP, 5xx HTTP): kept, tried again;
 * - `refused`: it never will (the address or the message was rejected): dropped, and said.
 */
export type SendOutcome =
	{result: 'sent'} | {result: 'retry'; reason: string} | {result: 'refused'; reason: string};

/** An event a channel cannot send at all (the job names no usable e-mail), and why. */
export type Unsendable = {event: WatchEvent; reason: string};

export type Channel = {
	/** The state file's name: `terminal`, `mail`, `webhook-<hash of the URL>`. */
	id: string;
	/** For messages to people; never holds a secret (a webhook URL's path, a password). */
	label: string;
	/** Bundles one poll's events into messages (mail: a digest per recipient). */
	plan(events: WatchEvent[]): {drafts: DeliveryDraft[]; unsendable: Unsendable[]};
	send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendOutcome>;
	close(): Promise<void>;
};
