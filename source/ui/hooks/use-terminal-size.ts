import {useStdout} from 'ink';
import {createContext, useContext, useEffect, useState} from 'react';

export type TerminalSize = {columns: number; rows: number};

/**
 * The size screens lay themselves out for. While the terminal is too small the app keeps the
 * last size that fitted here, so the screens under its notice keep their windows and scroll
 * positions instead of laying themselves out for a size no one sees.
 */
export const LayoutSizeContext = createContext<TerminalSize | undefined>(undefined);

/** The size to lay a screen out for. */
export function useTerminalSize(): TerminalSize {
	const laidOut = useContext(LayoutSizeContext);
	const window = useWindowSize(laidOut === undefined);
	return laidOut ?? window;
}

/** The terminal's size as it is now, following resizes (when `follow`). */
export function useWindowSize(follow = true): TerminalSize {
	const {stdout} = useStdout();
	const read = (): TerminalSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (!follow) return undefined;
		const update = () =>
			setSize((shown) => {
				const now = read();
				return now.columns === shown.columns && now.rows === shown.rows ? shown : now;
			});
		update();
		stdout.on('resize', update);
		return () => {
			stdout.off('resize', update);
		};
	}, [stdout, follow]);
	return size;
}
