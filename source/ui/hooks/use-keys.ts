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
import {KeyRouter} from './key-router.js';
import {splitKeys} from './split-keys.js';
import {useKeySequence} from './use-key-sequence.js';

/** A key handler; returning true uses the key up, so the views under this one never see it. */
export type KeyHandler = (input: string, key: Key) => boolean | void;

const RouterContext = createContext<KeyRouter | undefined>(undefined);
const DepthContext = createContext(0);

/**
 * The one place raw input enters: each key goes to the views from the top down (key-router.ts).
 * Text that arrives in one piece (typed fast, pasted, or sent in one packet over SSH) is taken
 * one character at a time, each after the screen has answered the one before (see
 * use-key-sequence.ts): "/bmi⏎" opens the filter, types into it and keeps it. `onKey` hears
 * every key first (the app clears its one-line notice there).
 */
export function KeyDispatcher({children, onKey}: {children: ReactNode; onKey?: () => void}) {
	const router = useRef(new KeyRouter());
	const heard = useRef(onKey);
	heard.current = onKey;
	const taken = useKeySequence();
	useInput((input, key) => {
		if (taken()) return;
		for (const [single, singleKey] of splitKeys(input, key)) {
			heard.current?.();
			router.current.dispatch(single, singleKey);
		}
	});
	return createElement(RouterContext.Provider, {value: router.current}, children);
}

/** The router of the nearest dispatcher, for the footer and the help screen. */
export function useKeyRouter(): KeyRouter | undefined {
	return useContext(RouterContext);
}

/**
 * A view over the one around it: keys reach `children` before they reach what is outside (a
 * dialog before its screen, a screen before the app's global keys). `at` places the layer at a
 * fixed height instead (the app's overlays sit above every screen).
 */
export function KeyLayer({children, at}: {children: ReactNode; at?: number}) {
	const depth = useContext(DepthContext);
	return createElement(DepthContext.Provider, {value: at ?? depth + 1}, children);
}

/** The height of the key layer a component is in. */
export function useKeyDepth(): number {
	return useContext(DepthContext);
}

const PausedContext = createContext(false);

/**
 * Keys do not reach `children` while `paused` (a screen under another, or under a prompt),
 * though they stay mounted: a field of a hidden screen must not take what is typed elsewhere.
 */
export function KeysPaused({paused, children}: {paused: boolean; children: ReactNode}) {
	const outer = useContext(PausedContext);
	return createElement(PausedContext.Provider, {value: outer || paused}, children);
}

/** Whether keys can reach a component now (it is not paused and asks for them). */
export function useKeysActive(isActive = true): boolean {
	// The context is read on every render: a hook behind `&&` would change the hook order.
	const paused = useContext(PausedContext);
	return isActive && !paused;
}

/** Ink's useInput, one call per key, routed through the dispatcher's layers. */
export function useKeys(handler: KeyHandler, options: {isActive?: boolean} = {}): void {
	const isActive = useKeysActive(options.isActive);
	const router = useContext(RouterContext);
	const depth = useContext(DepthContext);
	const latest = useRef(handler);
	latest.current = handler;
	// A layout effect, run as the component is committed: a passive effect can lag the frame,
	// and a key typed right after the screen changed would reach the component that just left.
	useLayoutEffect(
		() => (router && isActive ? router.subscribe(latest, depth) : undefined),
		[router, isActive, depth],
	);
	const standalone = useCallback((input: string, key: Key) => {
		for (const [single, singleKey] of splitKeys(input, key)) latest.current(single, singleKey);
	}, []);
	useInput(standalone, {isActive: isActive && router === undefined});
}
