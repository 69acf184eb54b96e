import type {OutgoingMessage} from './channels/channel.js';
import {eventDetails, eventHeadline} from './event-text.js';

/**
 * The JSON a webhook receives. `text` is what Slack (and Mattermost, Rocket.Chat, Teams'
 * Slack-compatible hooks) show; `events` carries each event's fields with their exact text
 * (JSON escaping makes any character safe there) for receivers that do more.
 */
export function webhookPayload(message: OutgoingMessage): string {
	const lines = message.events.flatMap((event) => [
		eventHeadline(event),
		...eventDetails(event).map((line) => `    ${line}`),
	]);
	return JSON.stringify({
		text: slackEscape(lines.join('\n')),
		id: message.identity,
		redelivery: message.redelivery,
		events: message.events.map((event) => ({
			kind: event.kind,
			jobId: event.jobId,
			requester: event.user,
			biobank: event.biobank ?? null,
			observedAt: event.observedAt,
			name: event.details.name ?? null,
			by: event.details.by ?? null,
			reason: event.details.reason ?? null,
		})),
	});
}

/** Slack reads `<…>` as links and mentions (`<!channel>`) and `&` as entities: only these three. */
export function slackEscape(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
