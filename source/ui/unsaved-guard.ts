import {createContext, useContext, useLayoutEffect} from 'react';

/** Says that a form holds typed work (what, in words) until the returned function is called. */
export type ClaimUnsaved = (what: string) => () => void;

/** Quitting would lose what a form holds, so the app asks first ("Discard this request?"). */
export const UnsavedGuardContext = createContext<ClaimUnsaved>(() => () => undefined);

/** While `what` is defined, quitting asks first. */
export function useUnsavedGuard(what: string | undefined): void {
	const claim = useContext(UnsavedGuardContext);
	useLayoutEffect(() => (what === undefined ? undefined : claim(what)), [what, claim]);
}
