import type {OutgoingMessage} from './channels/channel.js';
import {digestSubject, eventDetails, eventHeadline} from './event-text.js';
import {mailDomain} from './mail-address.js';

export type MailMessage = {
	from: string;
	to: string;
	subject: string;
	text: string;
	messageId: string;
	date: Date;
	headers: Record<string, string>;
};

/**
 * The mail of one delivery: a digest of its events in plain text. Everything that identifies it
 * (Message-ID, Date, the text) comes from the recorded delivery, so a resend after an
 * interruption is the same message and a mail store that knows the Message-ID keeps one.
 */
export function mailMessage(message: OutgoingMessage, from: string): MailMessage {
	const blocks = message.events.map((event) =>
		[eventHeadline(event), ...eventDetails(event).map((line) => `    ${line}`)].join('\n'),
	);
	const notes = [
		'--',
		'Sent by ivjm watch, once for each change it saw in the bucket.',
		...(message.redelivery
			? [
					'The last attempt to send this mail was interrupted: if you already have a mail with',
					'the same Message-ID, this is the same one again.',
				]
			: []),
	];
	return {
		from,
		to: message.delivery.to ?? '',
		subject: digestSubject(message.events),
		text: `${blocks.join('\n\n')}\n\n${notes.join('\n')}\n`,
		messageId: `<ivjm.${message.identity}@${mailDomain(from)}>`,
		date: new Date(message.delivery.createdAt),
		// RFC 3834: an automatic message, so that vacation replies are not sent back to it.
		headers: {'Auto-Submitted': 'auto-generated', 'X-Ivjm-Delivery': message.identity},
	};
}
