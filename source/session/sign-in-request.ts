import type {Session} from './session.js';

/** What the person types on the sign-in screen. */
export type SignInForm = {username: string; password: string; project: string; remember: boolean};

/** Why the TUI shows the sign-in screen, what it can offer, and how to sign in. */
export type SignInRequest = {
	/** The Keystone URL, shown so the person knows where the password goes. */
	authUrl: string;
	username: string;
	project: string;
	/** Why ivjm asks now, e.g. "The saved sign-in has expired." */
	reason?: string;
	/** The keyring that would remember the password, or the sentence saying there is none. */
	keyring: {description: string} | {missing: string};
	/** Signs in; rejects with a typed storage error the screen explains. */
	submit(form: SignInForm): Promise<Session>;
};
