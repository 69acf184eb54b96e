import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);
const repository = resolve(import.meta.dirname, '../..');
const prompt = 'e2e-shell$ ';

export type TerminalOptions = {columns?: number; rows?: number; env?: Record<string, string>};

/**
 * A real terminal for end-to-end tests: a private tmux server running a plain shell, in which
 * the built ivjm is started, typed at and read back, as a person would.
 */
export class Terminal {
	readonly home: string;
	private readonly socket: string;

	private constructor(home: string, socket: string) {
		this.home = home;
		this.socket = socket;
	}

	static async open({columns = 80, rows = 24, env = {}}: TerminalOptions = {}): Promise<Terminal> {
		const home = await mkdtemp(join(tmpdir(), 'ivjm-e2e-'));
		const terminal = new Terminal(
			home,
			`ivjm-e2e-${process.pid}-${Math.random().toString(36).slice(2)}`,
		);
		const environment = {
			HOME: home,
			XDG_DATA_HOME: join(home, 'data'),
			XDG_CONFIG_HOME: join(home, 'config'),
			XDG_STATE_HOME: join(home, 'state'),
			TERM: 'xterm-256color',
			PS1: prompt,
			...env,
		};
		const exports = Object.entries(environment).map(
			([name, value]) => `export ${name}=${shellQuote(value)};`,
		);
		await terminal.tmux(
			'new-session',
			'-d',
			'-x',
			String(columns),
			'-y',
			String(rows),
			'-c',
			repository,
			`env -i PATH=${shellQuote(process.env['PATH'] ?? '')} bash --norc --noprofile -c ${shellQuote(`${exports.join(' ')} exec bash --norc --noprofile`)}`,
		);
		await terminal.waitFor(prompt.trim());
		return terminal;
	}

	/** Starts the built ivjm in the terminal's shell. */
	async startIvjm(args: string[] = []): Promise<void> {
		await this.type(['node', 'dist/cli.js', ...args].map(shellQuote).join(' '));
		await this.press('Enter');
	}

	async type(text: string): Promise<void> {
		await this.tmux('send-keys', '-l', text);
	}

	/** Named keys as tmux spells them: Enter, Escape, Up, Down, C-c, Tab… */
	async press(...keys: string[]): Promise<void> {
		await this.tmux('send-keys', ...keys);
	}

	async resize(columns: number, rows: number): Promise<void> {
		await this.tmux('resize-window', '-x', String(columns), '-y', String(rows));
	}

	async screen(): Promise<string> {
		const {stdout} = await this.tmux('capture-pane', '-p');
		return stdout;
	}

	/** The screen with its colours and attributes as escape sequences (for screenshots). */
	async screenWithColours(): Promise<string> {
		const {stdout} = await this.tmux('capture-pane', '-p', '-e');
		return stdout;
	}

	/** The process the shell is running in the foreground (ivjm, once started). */
	async programPid(): Promise<number> {
		const {stdout: shell} = await this.tmux('display-message', '-p', '#{pane_pid}');
		const {stdout} = await run('pgrep', ['-P', shell.trim()]);
		const pid = Number(stdout.trim().split('\n')[0]);
		if (!Number.isInteger(pid) || pid <= 0)
			throw new Error(`No program runs in the terminal's shell (${stdout})`);
		return pid;
	}

	/** Lets programs set tmux's clipboard with OSC 52 (tmux's default ignores them). */
	async acceptClipboard(): Promise<void> {
		await this.tmux('set-option', '-g', 'set-clipboard', 'on');
	}

	/** What the last OSC 52 (or copy) put in tmux's paste buffer. */
	async clipboard(): Promise<string> {
		const {stdout} = await this.tmux('show-buffer');
		return stdout;
	}

	/**
	 * Whether a program rang the bell since the terminal opened: tmux flags the window of a
	 * session nobody is attached to (this one) on every bell.
	 */
	async bellRung(): Promise<boolean> {
		const {stdout} = await this.tmux('display-message', '-p', '#{window_bell_flag}');
		return stdout.trim() === '1';
	}

	/** Flags of the pane: is the cursor shown, is the alternate screen on. */
	async cursorVisible(): Promise<boolean> {
		const {stdout} = await this.tmux('display-message', '-p', '#{cursor_flag}');
		return stdout.trim() === '1';
	}

	async alternateScreen(): Promise<boolean> {
		const {stdout} = await this.tmux('display-message', '-p', '#{alternate_on}');
		return stdout.trim() === '1';
	}

	/** Polls the screen until `text` appears (or `pattern` matches); no fixed sleeps. */
	async waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			last = await this.screen();
			if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
			await new Promise((done) => setTimeout(done, 50));
		}
		throw new Error(`Timed out waiting for ${String(text)}. Screen was:\n${last}`);
	}

	async waitForGone(text: string, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			last = await this.screen();
			if (!last.includes(text)) return last;
			await new Promise((done) => setTimeout(done, 50));
		}
		throw new Error(`Timed out waiting for ${text} to go. Screen was:\n${last}`);
	}

	/** Waits until the shell prompt is the last line: the program ended and gave the shell back. */
	async waitForPrompt(timeoutMs = 15_000): Promise<string> {
		const last = new RegExp(`${escapeRegExp(prompt.trim())}\\s*$`, 'u');
		return this.waitFor(last, timeoutMs);
	}

	async close(): Promise<void> {
		await this.tmux('kill-server').catch(() => undefined);
		await rm(this.home, {recursive: true, force: true, maxRetries: 5});
	}

	private async tmux(...args: string[]) {
		return run('tmux', ['-L', this.socket, '-f', '/dev/null', ...args]);
	}
}

function shellQuote(value: string): string {
	return `'${value.replaceAll("'", `'\\''`)}'`;
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
