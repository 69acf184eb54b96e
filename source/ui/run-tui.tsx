import {App} from '../app.js';
import {exitCodeFor} from '../commands/exit-codes.js';
import type {SessionFlags} from '../session/prepare-sign-in.js';
import {startSession} from '../session/start-session.js';
import {enterAlternateScreen, leaveAlternateScreen} from '../terminal-screen.js';
import {CrashGuard, crashed, keepConsole} from './crash/crash-report.js';
import {renderOnTerminal} from './render/render-on-terminal.js';
import {WorkFolderContext} from './screens/analyst/analyst-context.js';
import {SignInGate} from './screens/sign-in/sign-in-screen.js';
import type {Session} from '../session/session.js';
import {startScreens} from './start-screens.js';
import {ivjmPaths} from '../config/paths.js';
import {ChangeTrackingContext} from './seen/change-tracking.js';
import {fileSeenRegistry} from './seen/seen-registry.js';
import {ringTerminal} from './seen/terminal-alert.js';

export type TuiOptions = {
	sessionFlags: SessionFlags;
	/** `--biobank`: open that inbox. */
	biobank?: string;
	/** `--dir`: where the analyst's jobs go (over workDir). */
	dir?: string;
	report: (error: unknown) => void;
};

/** Ink, React and every screen: loaded by tui.tsx once it knows there is a terminal. */
export async function runScreens({sessionFlags, biobank, dir, report}: TuiOptions): Promise<void> {
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
	// What each table last showed, kept in the XDG state folder across restarts.
	const changeTracking = {
		registry: fileSeenRegistry(ivjmPaths().state),
		alert: (text: string) => ringTerminal(text),
	};
	const app = (session: Session) => (
		<WorkFolderContext.Provider value={dir}>
			<ChangeTrackingContext.Provider value={changeTracking}>
				<App session={session} initialScreens={initialScreens} />
			</ChangeTrackingContext.Provider>
		</WorkFolderContext.Provider>
	);
	keepConsole();
	let stop = () => undefined as void;
	const fail = (error: unknown) => {
		stop();
		crashed(error, report);
	};
	process.on('uncaughtException', fail);
	process.on('unhandledRejection', fail);
	enterAlternateScreen();
	// Ink turns raw mode on in an effect after its first frame; a key typed in between (an enter
	// pressed as soon as the picker shows, or typed ahead over SSH) would meet the terminal's
	// line mode, which hands Ink "\n" rather than the "\r" of enter. Raw from the first frame on.
	process.stdin.setRawMode(true);
	const {instance, screen} = renderOnTerminal(
		<CrashGuard onCrash={fail}>
			{'session' in start ? (
				app(start.session)
			) : (
				<SignInGate request={start.signIn}>{app}</SignInGate>
			)}
		</CrashGuard>,
		process.stdout,
		process.stdin,
	);
	stop = () => {
		// The tree may be what broke: the terminal is restored whatever unmounting does.
		try {
			instance.unmount();
			screen.detach();
		} finally {
			leaveAlternateScreen();
		}
	};
	for (const [signal, code] of [
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const) {
		process.once(signal, () => {
			stop();
			process.exit(code);
		});
	}
	await instance.waitUntilExit();
	screen.detach();
	leaveAlternateScreen();
}
