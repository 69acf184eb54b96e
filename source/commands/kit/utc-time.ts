import {isIsoWithZone, parseIsoTime} from '../../protocol/time.js';

/**
 * A time for `--json`: RFC 3339 in UTC with `Z`. A time written with its zone is converted; one
 * without (the Python tools write local times of an unknown zone) is replaced by `fallback`,
 * the object's Swift `last_modified` (UTC), when there is one; else null.
 */
export function utcTime(written: string | undefined, fallback?: string): string | null {
	if (written !== undefined && isIsoWithZone(written)) {
		return new Date(parseIsoTime(written) ?? 0).toISOString();
	}
	const stored = fallback === undefined ? undefined : parseIsoTime(fallback);
	return stored === undefined ? null : new Date(stored).toISOString();
}

/** Unix seconds (a job id's time) as RFC 3339 UTC. */
export function utcFromSeconds(seconds: number): string {
	return new Date(seconds * 1000).toISOString();
}
