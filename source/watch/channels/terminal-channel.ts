import type {Writable} from 'node:stream';
import {eventDetails, eventGlyphs, eventHeadline} from '../event-text.js';
import type {WatchEvent} from '../watch-event.js';
import type {Channel, OutgoingMessage, SendOutcome} from './channel.js';
import {
	desktopNotificationBytes,
	detectDesktopNotification,
	type NotificationChoice,
} from './desktop-notification.js';

export type TerminalChannelOptions = {
	output: Writable & {isTTY?: boolean};
	/** `auto` (default): from the environment, and only when `output` is a terminal. */
	notification?: NotificationChoice;
	environment?: NodeJS.ProcessEnv;
};

/**
 * A line per event (and its details indented under it) on the output, then, on a terminal, the
 * bell or a desktop notification once per poll. Every poll's events are one message.
 */
export function terminalChannel(options: TerminalChannelOptions): Channel {
	const {output} = options;
	const choice = options.notification ?? 'auto';
	const notification =
		choice === 'auto'
			? output.isTTY
				? detectDesktopNotification(options.environment ?? process.env)
				: 'off'
			: choice;
	return {
		id: 'terminal',
		label: 'the terminal',
		plan: (events) => ({drafts: events.length > 0 ? [{events}] : [], unsendable: []}),
		async send(message: OutgoingMessage): Promise<SendOutcome> {
			const lines = message.events.flatMap((event) => eventLines(event, message.redelivery));
			const summary = notificationText(message.events);
			const text = `${lines.join('\n')}\n${desktopNotificationBytes(notification, summary)}`;
			try {
				await write(output, text);
				return {result: 'sent'};
			} catch (error) {
				return {result: 'retry', reason: (error as Error).message};
			}
		},
		async close() {},
	};
}

function eventLines(event: WatchEvent, redelivery: boolean): string[] {
	const again = redelivery ? ' (again: the last run stopped while showing it)' : '';
	const time = localMinute(event.observedAt);
	return [
		`${time}  ${eventGlyphs[event.kind]} ${eventHeadline(event)}${again}`,
		...eventDetails(event).map((line) => `${' '.repeat(time.length + 4)}${line}`),
	];
}

function notificationText(events: readonly WatchEvent[]): string {
	const [first] = events;
	if (!first) return '';
	const text =
		events.length === 1
			? eventHeadline(first)
			: `${events.length} updates: ${eventHeadline(first)} …`;
	return text.replaceAll(';', ',');
}

/** `2026-11-25 14:03`, local time, as a person reads a log. */
function localMinute(iso: string): string {
	const date = new Date(iso);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

async function write(output: Writable, text: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		output.write(text, (error) => (error ? reject(error) : resolve()));
	});
}
