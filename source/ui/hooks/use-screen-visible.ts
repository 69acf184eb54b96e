import {createContext, useContext} from 'react';

/**
 * Whether a screen of the stack is the one on top. The screens under it stay mounted (their
 * filter, cursor and scroll are kept) but hidden; their live data waits until they show again.
 */
export const ScreenVisibleContext = createContext(true);

export function useScreenVisible(): boolean {
	return useContext(ScreenVisibleContext);
}
