import {useStdin} from 'ink';
import type {EventEmitter} from 'node:events';
import {useLayoutEffect, useRef} from 'react';

const escape = '\u001B';

/**
 * Ink hands a run of plain text that arrived at once ("/bmi⏎") to its key handlers as one
 * event, before React renders anything: the `/` cannot open the filter in time for `bmi` to be
 * typed into it. This takes such a run over and gives it back to Ink one character at a time,
 * each on a later turn of the event loop, when React has committed the answer to the one before
 * (each goes through Ink's own key handling, so it is still one batched update). Anything that
 * arrives meanwhile waits its turn behind it. Returns `taken()`: whether the event being handled
 * now was taken over (the caller then ignores it; its characters follow).
 */
export function useKeySequence(): () => boolean {
	const {internal_eventEmitter: events} = useStdin() as {internal_eventEmitter?: EventEmitter};
	const queue = useRef<string[]>([]);
	const replaying = useRef(false);
	const took = useRef(false);
	useLayoutEffect(() => {
		if (!events) return undefined;
		let timer: NodeJS.Immediate | undefined;
		const replay = () => {
			timer = undefined;
			const piece = queue.current.shift();
			if (piece === undefined) return;
			replaying.current = true;
			try {
				events.emit('input', piece);
			} finally {
				replaying.current = false;
			}
			if (queue.current.length > 0) timer = setImmediate(replay);
		};
		const listener = (input: string) => {
			if (replaying.current) return;
			const pieces =
				input.includes(escape) || [...input].length === 1
					? [input]
					: [...input].map((character) => (character === '\n' ? '\r' : character));
			if (queue.current.length === 0 && pieces.length === 1) return;
			took.current = true;
			queue.current.push(...pieces);
			timer ??= setImmediate(replay);
		};
		// Before Ink's own handlers, which hear the same event right after.
		events.prependListener('input', listener);
		return () => {
			events.off('input', listener);
			if (timer) clearImmediate(timer);
		};
	}, [events]);
	return () => {
		const taken = took.current;
		took.current = false;
		return taken;
	};
}
