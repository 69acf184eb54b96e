import {spawn} from 'node:child_process';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import type {WatchSettings as ChildSettings} from './watch-settings.js';

const entry = fileURLToPath(new URL('watch-child.ts', import.meta.url));

export type ChildRun = {
	/** What the watcher said to the person (stderr). */
	log: string;
	exitCode: number | null;
	signal: NodeJS.Signals | null;
};

/**
 * Runs the watch engine as its own process (watch-child.ts) to its end; with `pauseAt`, waits
 * until it stops itself at that point and kills it there with SIGKILL, as `kill -9` would;
 * with `killWhen`, kills it when that settles.
 */
export async function runWatchProcess(
	settings: ChildSettings,
	smtpPassword = '',
	/** Kills the watcher with SIGKILL when this settles (something outside saw the moment). */
	killWhen?: Promise<unknown>,
): Promise<ChildRun> {
	const child = spawn(process.execPath, ['--import=tsx', entry], {
		env: {
			...process.env,
			IVJM_WATCH_CHILD: JSON.stringify(settings),
			IVJM_SMTP_PASSWORD: smtpPassword,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
	const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
		child.once('exit', (code, signal) => resolve([code, signal])),
	);
	void killWhen?.then(() => child.kill('SIGKILL'));
	for await (const line of createInterface({input: child.stdout})) {
		if (settings.pauseAt && line === JSON.stringify({paused: settings.pauseAt})) {
			child.kill('SIGKILL');
			break;
		}
	}

	const [exitCode, signal] = await exited;
	return {log, exitCode, signal};
}
