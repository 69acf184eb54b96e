import {render} from 'ink';
import {App} from './app.js';
import {exitCodeFor} from './commands/exit-codes.js';
import type {SessionFlags} from './session/prepare-sign-in.js';
import {startSession} from './session/start-session.js';
import {enterAlternateScreen, leaveAlternateScreen} from './terminal-screen.js';
import {WorkFolderContext} from './ui/screens/analyst/analyst-context.js';
import {SignInGate} from './ui/screens/sign-in/sign-in-screen.js';
import type {Session} from './session/session.js';
import {startScreens} from './ui/start-screens.js';

export type TuiOptions = {
	sessionFlags: SessionFlags;
	/** `--biobank`: open that inbox. */
	biobank?: string;
	/** `--dir`: where the analyst's jobs go (over workDir). */
	dir?: string;
	report: (error: unknown) => void;
};

/**
 * The full-screen UI, in its own module: the CLI imports it (and Ink, React and every screen)
 * only when no command is given, so `ivjm jobs --json` in a script starts without them.
 */
export async function runTui({sessionFlags, biobank, dir, report}: TuiOptions): Promise<void> {
	const fail = (error: unknown): never => {
		leaveAlternateScreen();
		report(error);
		process.exit(1);
	};
	process.on('uncaughtException', fail);
	process.on('unhandledRejection', fail);

	// Settings, a saved token or the keyring may already sign in; else the sign-in screen asks.
	const start = await startSession(sessionFlags).catch((error: unknown) => {
		report(error);
		process.exit(exitCodeFor(error));
	});
	// --biobank, or the config's role and biobank, open past the pickers.
	const initialScreens = startScreens({
		biobankFlag: biobank,
		role: start.settings.role?.value,
		biobank: start.settings.biobank?.value,
	});
	const app = (session: Session) => (
		<WorkFolderContext.Provider value={dir}>
			<App session={session} initialScreens={initialScreens} />
		</WorkFolderContext.Provider>
	);
	enterAlternateScreen();
	// Ink turns raw mode on in an effect after its first frame; a key typed in between (an enter
	// pressed as soon as the picker shows, or typed ahead over SSH) would meet the terminal's
	// line mode, which hands Ink "\n" rather than the "\r" of enter. Raw from the first frame on.
	if (process.stdin.isTTY) process.stdin.setRawMode(true);
	const instance = render(
		'session' in start ? app(start.session) : <SignInGate request={start.signIn}>{app}</SignInGate>,
		{exitOnCtrlC: false},
	);
	for (const [signal, code] of [
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const) {
		process.once(signal, () => {
			instance.unmount();
			leaveAlternateScreen();
			process.exit(code);
		});
	}
	await instance.waitUntilExit();
	leaveAlternateScreen();
}
