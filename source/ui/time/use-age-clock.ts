import {useEffect, useReducer} from 'react';
import {nextAgeChange} from './age.js';

/**
 * The current time for showing the ages of `times` (ms since the epoch). The screen renders
 * again when one of their labels changes, no sooner, so an idle screen stays quiet ("5s" moves
 * every second for a minute, then "1m" once a minute); any render reads the clock afresh.
 */
export function useAgeClock(times: readonly number[]): number {
	const [tick, tock] = useReducer((count: number) => count + 1, 0);
	const now = Date.now();
	const next = times.reduce(
		(soonest, time) => Math.min(soonest, nextAgeChange(time, now)),
		Infinity,
	);
	useEffect(() => {
		if (!Number.isFinite(next)) return undefined;
		// A little after the change, so that the label has changed when it is drawn.
		const timer = setTimeout(tock, next - Date.now() + 20);
		return () => clearTimeout(timer);
	}, [next, tick]);
	return now;
}
