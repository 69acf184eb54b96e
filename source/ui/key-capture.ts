import {createContext, useContext, useLayoutEffect} from 'react';

/** Takes the keys for typed text until the returned function gives them back. */
export type AcquireCapture = () => () => void;

/**
 * While a screen takes typed text (a filter, a form field), `q` and `?` are letters, not
 * commands: the screen says so through this context and the app's global keys step aside.
 * Each capturing component holds its own claim, so one that stops (a filter line of a screen
 * hidden under the password prompt) cannot release another's.
 */
export const KeyCaptureContext = createContext<AcquireCapture>(() => () => undefined);

export function useKeyCapture(capturing: boolean): void {
	const acquire = useContext(KeyCaptureContext);
	// A layout effect: the claim holds before the frame that shows the field is drawn.
	useLayoutEffect(() => (capturing ? acquire() : undefined), [capturing, acquire]);
}
