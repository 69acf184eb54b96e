import type {Secret} from './secret.js';

/** What the TUI shows while a sign-in must be renewed: whose, and where the answer goes. */
export type PasswordRequest = {
	username: string;
	project: string;
	/** The password typed, or undefined when the person gives up. */
	answer(password: Secret | undefined): void;
};

/**
 * The way back from an expired saved token in the middle of a TUI session: the renewal asks
 * here, and the app (when it listens) shows a password field over the current screen, which
 * stays mounted, so a transfer waiting for the token goes on once the password is in. With no
 * one listening (before the app is drawn, or in a subcommand) the answer is undefined at once.
 */
export class PasswordPrompt {
	private listener: ((request: PasswordRequest | undefined) => void) | undefined;
	private pending: Promise<Secret | undefined> | undefined;

	/** One question at a time: renewals asking meanwhile share its answer. */
	async ask(username: string, project: string): Promise<Secret | undefined> {
		const listener = this.listener;
		if (!listener) return undefined;
		if (this.pending) return this.pending;
		let resolve: (password: Secret | undefined) => void = () => undefined;
		const pending = new Promise<Secret | undefined>((settle) => {
			resolve = settle;
		});
		this.pending = pending;
		listener({
			username,
			project,
			answer: (password) => {
				if (this.pending !== pending) return; // answered already
				this.pending = undefined;
				this.listener?.(undefined);
				resolve(password);
			},
		});
		return pending;
	}

	/** Shows the requests to `listener` (undefined once answered); returns the way to stop. */
	listen(listener: (request: PasswordRequest | undefined) => void): () => void {
		this.listener = listener;
		return () => {
			if (this.listener === listener) this.listener = undefined;
		};
	}
}
