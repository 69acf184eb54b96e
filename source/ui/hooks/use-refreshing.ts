import {useCallback, useEffect, useRef, useState} from 'react';
import {useScreenVisible} from './use-screen-visible.js';

export type Refreshing<Data> = {
	data?: Data;
	/** When `data` was last loaded successfully (ms since the epoch). */
	updatedAt?: number;
	/** The last refresh failed: `data` is stale, and this says why. */
	error?: Error;
	loading: boolean;
	refresh: () => void;
};

/**
 * Loads `load` now and again `intervalMs` after each load ends (or twice the time the last load
 * took, if longer), keeping the last good data when a refresh fails (a dropped connection marks
 * the table stale instead of emptying it). One load at a time, and a slow one always finishes
 * (10,000 jobs on a slow store never showed otherwise); `r` aborts it and starts anew.
 */
export function useRefreshing<Data>(
	load: (signal: AbortSignal, publish: (partial: Data) => void) => Promise<Data>,
	intervalMs: number,
): Refreshing<Data> {
	const [state, setState] = useState<Omit<Refreshing<Data>, 'refresh'>>({loading: true});
	const running = useRef<AbortController | undefined>(undefined);
	const loadRef = useRef(load);
	/** How long the last load took (ms). */
	const took = useRef(0);
	loadRef.current = load;

	const refresh = useCallback(() => {
		running.current?.abort();
		const controller = new AbortController();
		running.current = controller;
		const started = Date.now();
		setState((previous) => ({...previous, loading: true}));
		// A partial result (the table before every task.json is in) shows while the load goes on.
		const publish = (partial: Data) => {
			if (running.current === controller) setState((previous) => ({...previous, data: partial}));
		};
		loadRef.current(controller.signal, publish).then(
			(data) => {
				if (running.current === controller) running.current = undefined;
				took.current = Date.now() - started;
				if (!controller.signal.aborted) setState({data, updatedAt: Date.now(), loading: false});
			},
			(error: unknown) => {
				if (running.current === controller) running.current = undefined;
				took.current = Date.now() - started;
				if (!controller.signal.aborted) {
					setState((previous) => ({
						...previous,
						loading: false,
						error: error instanceof Error ? error : new Error(String(error)),
					}));
				}
			},
		);
	}, []);

	// The first load at once; then `intervalMs` after the last one ended while the screen shows.
	// A screen under another waits, and refreshes as soon as it shows again (a job deleted or
	// submitted meanwhile is there at once).
	const visible = useScreenVisible();
	const loadedAt = useRef<number | undefined>(undefined);
	loadedAt.current = state.updatedAt;
	useEffect(() => {
		refresh();
		return () => running.current?.abort();
	}, [refresh]);
	const wasVisible = useRef(visible);
	useEffect(() => {
		const shown = visible && !wasVisible.current;
		wasVisible.current = visible;
		if (shown && loadedAt.current !== undefined && running.current === undefined) refresh();
	}, [refresh, visible]);
	useEffect(() => {
		if (!visible || state.loading) return undefined;
		// Also at least twice as long as the last load took: 10,000 jobs on a busy store took
		// longer than the interval, and loads back to back kept the CPU from the keys.
		const timer = setTimeout(refresh, Math.max(intervalMs, 2 * took.current));
		return () => clearTimeout(timer);
	}, [refresh, intervalMs, visible, state.loading, state.updatedAt]);

	return {...state, refresh};
}
