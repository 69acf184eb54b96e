import {writeSync} from 'node:fs';

/**
 * Ink 6 has no alternate-screen option, so we enter it ourselves and leave it on every exit
 * path (normal quit, Ctrl-C, SIGTERM, SIGHUP, a crash): the user's shell and cursor come back.
 */
const enterAlternate = '\u001B[?1049h\u001B[H';
const leaveAlternate = '\u001B[?25h\u001B[?1049l';

let active = false;

export function enterAlternateScreen(): void {
	if (active || !process.stdout.isTTY) return;
	active = true;
	writeSync(1, enterAlternate);
	process.once('exit', leaveAlternateScreen);
}

export function leaveAlternateScreen(): void {
	if (!active) return;
	active = false;
	writeSync(1, leaveAlternate);
	// Raw mode was turned on before Ink's first frame (tui.tsx); a crash must not leave it on.
	if (process.stdin.isTTY) process.stdin.setRawMode(false);
}
