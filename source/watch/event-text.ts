import prettyBytes from 'pretty-bytes';
import {shorten, terminalSafe} from '../text/terminal-safe.js';
import type {EventKind, WatchEvent} from './watch-event.js';

/**
 * The words of an event, for every channel. Everything that comes from the bucket (task names,
 * e-mails, analysts' names, reasons, even job ids and biobank folders) is other people's text:
 * it goes through the display chokepoint, one line, cut at a sane length.
 */
export function safeText(text: string, max = 80): string {
	return terminalSafe(shorten(text, max));
}

/** Status glyphs of the TUI (shape, not only colour), and one for what has no status. */
export const eventGlyphs: Record<EventKind, string> = {
	claimed: '◐',
	ready: '✔',
	failed: '✘',
	declined: '⊘',
	request: '○',
	'review-waiting': '◇',
};

/** One line: what happened, where, to which job. */
export function eventHeadline(event: WatchEvent): string {
	const biobank = safeText(event.biobank ?? '?', 40);
	const job = jobLabel(event);
	switch (event.kind) {
		case 'claimed': {
			const by = event.details.by ? safeText(event.details.by, 40) : 'an analyst';
			return `${biobank}: claimed by ${by} — ${job}`;
		}

		case 'ready': {
			return `${biobank}: results ready — ${job}`;
		}

		case 'failed': {
			return `${biobank}: failed — ${job}`;
		}

		case 'declined': {
			return `${biobank}: declined — ${job}`;
		}

		case 'request': {
			return `New request to ${biobank} from ${safeText(event.user, 40)} — ${job}`;
		}

		case 'review-waiting': {
			return `${biobank}: a release review is waiting — ${job}`;
		}
	}
}

/** The lines under the headline: the reason, the results, the command that comes next. */
export function eventDetails(event: WatchEvent): string[] {
	const lines: string[] = [];
	const {details} = event;
	if (details.reason) lines.push(`reason: ${safeText(details.reason, 500)}`);
	if (event.kind === 'ready' && details.resultFiles !== undefined) {
		const bytes = details.resultBytes === undefined ? '' : `, ${prettyBytes(details.resultBytes)}`;
		lines.push(
			`results: ${details.resultFiles} file${details.resultFiles === 1 ? '' : 's'}${bytes}`,
		);
	}

	const next = nextStep(event);
	if (next) lines.push(`next: ${next}`);
	return lines;
}

/** The subject of a mail holding `events`: the headline of one, or a count and the first few. */
export function digestSubject(events: readonly WatchEvent[]): string {
	const [first] = events;
	if (!first) return 'ivjm: no changes';
	if (events.length === 1) return `ivjm: ${eventHeadline(first)}`;
	const parts = events.map(
		(event) => `${safeText(event.biobank ?? '?', 20)} ${event.kind.replace('-', ' ')}`,
	);
	return shorten(`ivjm: ${events.length} updates — ${parts.join(', ')}`, 150);
}

function jobLabel(event: WatchEvent): string {
	const id = safeText(event.jobId, 80);
	return event.details.name ? `${id} “${safeText(event.details.name, 60)}”` : id;
}

function nextStep(event: WatchEvent): string | undefined {
	const id = safeText(event.jobId, 80);
	const biobank = safeText(event.biobank ?? '', 40);
	switch (event.kind) {
		case 'ready': {
			return `ivjm results ${id} --biobank ${biobank}`;
		}

		case 'failed':
		case 'declined': {
			return `ivjm show ${id}`;
		}

		case 'request': {
			return `ivjm claim ${id} --biobank ${biobank}`;
		}

		case 'review-waiting': {
			return `ivjm review ${id} --biobank ${biobank}`;
		}

		case 'claimed': {
			return undefined;
		}
	}
}
