import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Component, type ReactNode} from 'react';
import {ivjmPaths} from '../../config/paths.js';
import {terminalSafe} from '../../text/terminal-safe.js';

/** What the program printed on the console while the screens were up: kept for a crash report. */
const recent: string[] = [];

/**
 * Anything written to the console while Ink draws would land in the middle of the screen; it is
 * kept (the last 200 lines) and goes into the crash report if there is one.
 */
export function keepConsole(): void {
	for (const name of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		console[name] = (...values: unknown[]) => {
			recent.push(`${name}: ${values.map(String).join(' ')}`);
			if (recent.length > 200) recent.shift();
		};
	}
}

/**
 * An error nothing caught: the details go to a file (never to the screen), the terminal is
 * already restored, and one short text says what happened and where the details are. Exits 1.
 */
export function crashed(error: unknown, report: (error: unknown) => void): never {
	const file = writeCrashFile(error);
	report(error);
	process.stderr.write(
		[
			// Lines under 80 columns: the smallest terminal must not break them mid-word.
			'ivjm stopped because of an error it did not expect. An upload or download',
			'that was running resumes from where it stopped when you start it again.',
			file
				? `The details are in ${file}; please send that file with a report.`
				: 'The details could not be written to a file; ivjm --debug shows them here.',
			'',
		].join('\n'),
	);
	process.exit(1);
}

function writeCrashFile(error: unknown): string | undefined {
	try {
		const folder = ivjmPaths().state;
		mkdirSync(folder, {recursive: true, mode: 0o700});
		const file = join(folder, `crash-${new Date().toISOString().replaceAll(':', '-')}.log`);
		const details = error instanceof Error ? (error.stack ?? error.message) : String(error);
		writeFileSync(
			file,
			[
				`ivjm crash at ${new Date().toISOString()}, Node ${process.version}, ${process.platform}`,
				`argv: ${process.argv.slice(2).join(' ')}`,
				'',
				details,
				'',
				'Console output before it:',
				...recent,
				'',
			].join('\n'),
			{mode: 0o600},
		);
		return terminalSafe(file);
	} catch {
		return undefined;
	}
}

type GuardProps = {onCrash: (error: unknown) => void; children: ReactNode};

/** An error while a screen renders ends the program through `onCrash`, never as a stack on screen. */
export class CrashGuard extends Component<GuardProps, {failed: boolean}> {
	override state = {failed: false};

	static getDerivedStateFromError() {
		return {failed: true};
	}

	override componentDidCatch(error: unknown) {
		this.props.onCrash(error);
	}

	override render() {
		return this.state.failed ? null : this.props.children;
	}
}
