import type {TuiOptions} from './ui/run-tui.js';

export type {TuiOptions};

const noTerminal =
	'ivjm needs a terminal for its screens (ssh -t); for scripts use the commands, e.g. ivjm jobs --json\n';

/**
 * The full-screen UI. The CLI imports this module only when no command is given; it checks for
 * a terminal before anything is loaded, and asks for React's production build (development
 * React checks every render and runs several times slower) before React is imported.
 */
export async function runTui(options: TuiOptions): Promise<void> {
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		process.stderr.write(noTerminal);
		process.exit(2);
	}
	// (The bundle in dist/ has the production build only; this is for running from source.)
	const environment = process.env;
	environment['NODE_ENV'] ??= 'production';
	const {runScreens} = await import('./ui/run-tui.js');
	await runScreens(options);
}
