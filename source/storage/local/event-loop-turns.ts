import {performance} from 'node:perf_hooks';
import {setImmediate as nextTurn} from 'node:timers/promises';

/**
 * The local store works with sync file calls (µs each, where an awaited one costs a trip through
 * the thread pool), so a listing or thousands of small reads would hold the event loop. This
 * hands it a turn once `everyMs` have gone by since the last, so a TUI above keeps drawing.
 */
export function eventLoopTurns(everyMs = 5): () => Promise<void> {
	let since = performance.now();
	return async () => {
		if (performance.now() - since < everyMs) return;
		await nextTurn();
		since = performance.now();
	};
}
