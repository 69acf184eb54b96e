import {terminalSafe} from '../../text/terminal-safe.js';

const pad = (value: number) => String(value).padStart(2, '0');

/** The one time format on screen: local time to the minute, "2026-11-25 09:05". */
export function localTime(ms: number): string {
	const date = new Date(ms);
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A time written by another program (a marker's ISO "at"), in the same local format; text that
 * is not a time is shown as it is, made terminal-safe.
 */
export function localTimeOf(at: string): string {
	const ms = Date.parse(at);
	return Number.isFinite(ms) ? localTime(ms) : terminalSafe(at.slice(0, 40));
}

/** Said once on a page with times: "local time, Europe/Helsinki (UTC+2)". */
export function timeZoneNote(now = Date.now()): string {
	const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	const offset = -new Date(now).getTimezoneOffset();
	const hours = Math.floor(Math.abs(offset) / 60);
	const minutes = Math.abs(offset) % 60;
	const utc = `UTC${offset < 0 ? '−' : '+'}${hours}${minutes ? `:${pad(minutes)}` : ''}`;
	return zone && zone !== 'UTC' ? `times are local, ${zone} (${utc})` : `times are ${utc}`;
}
