import {createHash} from 'node:crypto';
import {Agent, RetryAgent, request, type Dispatcher} from 'undici';
import {webhookPayload} from '../webhook-payload.js';
import type {Channel, OutgoingMessage, SendOutcome} from './channel.js';

export type WebhookSettings = {
	url: string;
	/** Retries within one send (the delivery is tried again at later polls after that). */
	retries?: number;
	/** First wait between retries, doubled each time (Retry-After wins when the server sends it). */
	firstRetryMs?: number;
	timeoutMs?: number;
};

/** Statuses worth another try: a timeout, rate limiting, a server that is down or overloaded. */
const retryStatuses = [408, 425, 429, 500, 502, 503, 504];

/**
 * A JSON POST per event with a Slack-compatible `text`, retried with backoff by undici. Every
 * POST carries `Idempotency-Key` (the same on a resend), so a receiver can drop a repeat.
 */
export function webhookChannel(settings: WebhookSettings): Channel {
	const url = new URL(settings.url);
	const timeout = settings.timeoutMs ?? 30_000;
	const agent = new Agent({connect: {timeout}, headersTimeout: timeout, bodyTimeout: timeout});
	const dispatcher = new RetryAgent(agent, {
		maxRetries: settings.retries ?? 4,
		minTimeout: settings.firstRetryMs ?? 1000,
		maxTimeout: 30_000,
		timeoutFactor: 2,
		methods: ['POST'],
		statusCodes: retryStatuses,
	});
	return {
		// A Slack hook's path is its secret: the file name is a hash, the label only the host.
		id: `webhook-${createHash('sha256').update(url.href).digest('hex').slice(0, 12)}`,
		label: `the webhook at ${url.origin}`,
		plan: (events) => ({drafts: events.map((event) => ({events: [event]})), unsendable: []}),
		send: async (message, signal) => post(url, message, dispatcher, signal),
		async close() {
			await dispatcher.close();
		},
	};
}

async function post(
	url: URL,
	message: OutgoingMessage,
	dispatcher: Dispatcher,
	signal?: AbortSignal,
): Promise<SendOutcome> {
	try {
		const response = await request(url, {
			method: 'POST',
			dispatcher,
			signal,
			headers: {
				'content-type': 'application/json',
				'user-agent': 'ivjm-watch',
				'idempotency-key': message.identity,
			},
			body: webhookPayload(message),
		});
		await response.body.dump();
		const status = response.statusCode;
		if (status >= 200 && status < 300) return {result: 'sent'};
		const reason = `HTTP ${status} from ${url.origin}`;
		return status >= 400 && status < 500 && !retryStatuses.includes(status)
			? {result: 'refused', reason}
			: {result: 'retry', reason};
	} catch (error) {
		const failure = error as Error & {statusCode?: number; code?: string};
		const reason = failure.statusCode
			? `HTTP ${failure.statusCode} from ${url.origin}, after retries`
			: `${url.origin}: ${failure.code ?? failure.message}`;
		return {result: 'retry', reason};
	}
}
