import {useInput, type Key} from 'ink';
import {
	createContext,
	createElement,
	useCallback,
	useContext,
	useLayoutEffect,
	useRef,
	type ReactNode,
} from 'react';
import {splitKeys} from './split-keys.js';

export type KeyHandler = (input: string, key: Key) => void;

type Dispatcher = {subscribe(handler: {current: KeyHandler}): () => void};

const DispatcherContext = createContext<Dispatcher | undefined>(undefined);

/**
 * The one place raw input enters: Ink's event is split into single keys (see split-keys.ts) and
 * each key goes to every handler before the next key does, so "↓ space ⏎" typed together moves,
 * toggles and submits in that order across components.
 */
export function KeyDispatcher({children}: {children: ReactNode}) {
	const handlers = useRef(new Set<{current: KeyHandler}>());
	const dispatcher = useRef<Dispatcher>({
		subscribe(handler) {
			handlers.current.add(handler);
			return () => handlers.current.delete(handler);
		},
	});
	useInput((input, key) => {
		for (const [single, singleKey] of splitKeys(input, key)) {
			for (const handler of [...handlers.current]) handler.current(single, singleKey);
		}
	});
	return createElement(DispatcherContext.Provider, {value: dispatcher.current}, children);
}

const PausedContext = createContext(false);

/**
 * Keys do not reach `children` while `paused` (a prompt drawn over them), though they stay
 * mounted: a field of the hidden screen must not take what is typed into the prompt.
 */
export function KeysPaused({paused, children}: {paused: boolean; children: ReactNode}) {
	return createElement(PausedContext.Provider, {value: paused}, children);
}

/** Ink's useInput, one call per key; under <KeyDispatcher> keys reach all handlers in order. */
export function useKeys(handler: KeyHandler, options: {isActive?: boolean} = {}): void {
	const paused = useContext(PausedContext);
	const isActive = (options.isActive ?? true) && !paused;
	const dispatcher = useContext(DispatcherContext);
	const latest = useRef(handler);
	latest.current = handler;
	// A layout effect, run as the component is committed: a passive effect can lag the frame,
	// and a key typed right after the screen changed would reach the component that just left.
	useLayoutEffect(
		() => (dispatcher && isActive ? dispatcher.subscribe(latest) : undefined),
		[dispatcher, isActive],
	);
	const standalone = useCallback((input: string, key: Key) => {
		for (const [single, singleKey] of splitKeys(input, key)) latest.current(single, singleKey);
	}, []);
	useInput(standalone, {isActive: isActive && dispatcher === undefined});
}
