/**
 * How a terminal is asked to show a desktop notification, which only some understand:
 * - `osc9`: `ESC ] 9 ; text BEL` (iTerm2, WezTerm, Ghostty, Windows Terminal);
 * - `osc777`: `ESC ] 777 ; notify ; title ; text BEL` (foot, rxvt-unicode, VTE with Fedora's patch;
 *   VTE since 0.46 ignores it quietly elsewhere);
 * - `osc99`: kitty's own, `ESC ] 99 ; ; text ESC \`;
 * - `bell`: only the bell, which every terminal and tmux turn into an alert of their own;
 * - `off`: nothing, not even the bell.
 */
export type DesktopNotification = 'osc9' | 'osc777' | 'osc99' | 'bell' | 'off';

export type NotificationChoice = DesktopNotification | 'auto';

/**
 * The terminal's kind from its environment. Inside tmux or screen, which swallow or garble
 * these sequences unless configured to pass them through, only the bell is sent.
 */
export function detectDesktopNotification(environment: NodeJS.ProcessEnv): DesktopNotification {
	const term = environment.TERM ?? '';
	if (environment.TMUX || term.startsWith('screen') || term.startsWith('tmux')) return 'bell';
	const program = environment.TERM_PROGRAM ?? '';
	if (['iTerm.app', 'WezTerm', 'ghostty'].includes(program) || environment.WT_SESSION)
		return 'osc9';
	if (term === 'xterm-kitty' || environment.KITTY_WINDOW_ID) return 'osc99';
	if (term.startsWith('foot') || term.includes('rxvt')) return 'osc777';
	if (Number(environment.VTE_VERSION ?? 0) >= 4600) return 'osc777';
	return 'bell';
}

/**
 * The bytes that ask for a notification showing `text`. `text` must already have been made safe
 * (no control character can end the sequence early); `;` is kept out of OSC 777's title.
 */
export function desktopNotificationBytes(kind: DesktopNotification, text: string): string {
	switch (kind) {
		case 'osc9': {
			return `\u001B]9;${text}\u0007`;
		}

		case 'osc777': {
			return `\u001B]777;notify;ivjm;${text}\u0007`;
		}

		case 'osc99': {
			return `\u001B]99;;${text}\u001B\\`;
		}

		case 'bell': {
			return '\u0007';
		}

		case 'off': {
			return '';
		}
	}
}
