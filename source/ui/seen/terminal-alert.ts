import {
	desktopNotificationBytes,
	detectDesktopNotification,
} from '../../watch/channels/desktop-notification.js';
import {terminalSafe} from '../../text/terminal-safe.js';
import {cut} from '../../text/display-text.js';

/**
 * Rings the terminal the person sits at and, where it is known to show one, asks for a desktop
 * notification (OSC 9, OSC 777 or kitty's OSC 99; inside tmux or screen only the bell, as
 * `ivjm watch` does). Written to the real terminal, not through Ink's frames: neither moves the
 * cursor. NO_COLOR does not silence it: it is about colour, and the bell carries none. Returns
 * false where there is no terminal.
 */
export function ringTerminal(
	text: string,
	output: NodeJS.WritableStream & {isTTY?: boolean} = process.stdout,
	environment: NodeJS.ProcessEnv = process.env,
): boolean {
	if (!output.isTTY) return false;
	const kind = detectDesktopNotification(environment);
	const safe = terminalSafe(cut(text, 200)).replaceAll(';', ',');
	output.write(`\u0007${kind === 'bell' ? '' : desktopNotificationBytes(kind, safe)}`);
	return true;
}
