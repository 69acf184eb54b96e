import {createContext, useContext, useEffect} from 'react';

/**
 * While a screen takes typed text (a filter, a form field), `q` and `?` are letters, not
 * commands: the screen says so through this context and the app's global keys step aside.
 */
export const KeyCaptureContext = createContext<(capturing: boolean) => void>(() => undefined);

export function useKeyCapture(capturing: boolean): void {
	const setCapturing = useContext(KeyCaptureContext);
	useEffect(() => {
		setCapturing(capturing);
		return () => setCapturing(false);
	}, [capturing, setCapturing]);
}
