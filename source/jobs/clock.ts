import {isoWithOffset} from '../protocol/time.js';

/** The time source of the use cases: passed in, so tests and the demo seed choose the time. */
export type Clock = {now(): number};

export const systemClock: Clock = {now: () => Date.now()};

/** An instant as we write it into markers and task.json: ISO 8601 with the local offset. */
export function isoTime(epochMilliseconds: number): string {
	return isoWithOffset(epochMilliseconds, -new Date(epochMilliseconds).getTimezoneOffset());
}
