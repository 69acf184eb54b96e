// Pure time helpers: a `Date` is only ever built from a number the caller passes, never from the clock.

const isoPattern =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Milliseconds since the epoch of an ISO 8601 time, or undefined. A time without a zone is read
 * as UTC, which is what Swift's listing `last_modified` means (`2026-11-25T09:05:09.646540`).
 * Not for the Python tools' marker bodies: those are local times of an unknown zone.
 */
export function parseIsoTime(text: string): number | undefined {
	const match = isoPattern.exec(text.trim());
	if (!match) {
		return undefined;
	}

	const [, year, month, day, hour, minute, second = '0', fraction = '0', zone = 'Z'] = match;
	const milliseconds = Math.floor(Number(`0.${fraction}`) * 1000);
	const utc = Date.UTC(
		Number(year),
		Number(month) - 1,
		Number(day),
		Number(hour),
		Number(minute),
		Number(second),
		milliseconds,
	);
	const check = new Date(utc);
	if (
		Number.isNaN(utc) ||
		check.getUTCMonth() !== Number(month) - 1 ||
		check.getUTCDate() !== Number(day) ||
		check.getUTCHours() !== Number(hour) ||
		Number(minute) > 59 ||
		Number(second) > 59
	) {
		return undefined;
	}

	return utc - zoneOffsetMinutes(zone) * 60_000;
}

/**
 * `2026-11-25T11:05:06.356+02:00`: an instant (milliseconds since the epoch, from the caller's
 * clock) written in a zone `offsetMinutes` east of UTC (the caller's `-getTimezoneOffset()`).
 */
export function isoWithOffset(epochMilliseconds: number, offsetMinutes = 0): string {
	if (!Number.isFinite(epochMilliseconds) || !Number.isInteger(offsetMinutes)) {
		throw new RangeError('isoWithOffset needs a finite instant and a whole number of minutes.');
	}

	if (Math.abs(offsetMinutes) > 18 * 60) {
		throw new RangeError(`A zone offset of ${offsetMinutes} minutes is beyond ±18 hours.`);
	}

	const local = new Date(epochMilliseconds + offsetMinutes * 60_000).toISOString().slice(0, -1);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const hours = String(Math.trunc(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
	const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
	return `${local}${sign}${hours}:${minutes}`;
}

/** True when `text` is an ISO 8601 time with a zone (Z or ±hh:mm), as we write in markers. */
export function isIsoWithZone(text: string): boolean {
	return /(?:Z|[+-]\d{2}:\d{2})$/i.test(text) && parseIsoTime(text) !== undefined;
}

function zoneOffsetMinutes(zone: string): number {
	if (zone.toUpperCase() === 'Z') {
		return 0;
	}

	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}
