import {chmod, mkdir, readFile, rm} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {z} from 'zod';
import {ivjmPaths} from '../config/paths.js';
import type {ProjectRef} from '../config/settings.js';
import {writePrivateFile} from '../util/write-private-file.js';

/** A Keystone token kept after a password sign-in, so that the next start asks nothing. */
export type SavedToken = {
	authUrl: string;
	userDomain: string;
	username: string;
	project: ProjectRef;
	/** The project's name, which names the default bucket (a sign-in by id learns it). */
	projectName: string;
	token: string;
	storageUrl: string;
	expiresAt: string;
};

/** Who signed in last (to fill in the sign-in screen), never with a password. */
export type LastSignIn = {authUrl: string; username: string; project: string};

const projectSchema = z.object({name: z.string().optional(), id: z.string().optional()});
const stateSchema = z.object({
	tokens: z
		.array(
			z.object({
				authUrl: z.string(),
				userDomain: z.string(),
				username: z.string(),
				project: projectSchema,
				projectName: z.string(),
				token: z.string(),
				storageUrl: z.string(),
				expiresAt: z.string(),
			}),
		)
		.default([]),
	last: z.object({authUrl: z.string(), username: z.string(), project: z.string()}).optional(),
	/** Keyring accounts that hold a password of ours, so that `ivjm logout` finds them all. */
	remembered: z.array(z.string()).default([]),
});
type State = z.infer<typeof stateSchema>;

export type TokenQuery = Pick<SavedToken, 'authUrl' | 'userDomain' | 'username' | 'project'>;

/** Reuse a saved token only while it has this long left. */
export const reuseMarginMs = 5 * 60_000;

export function signInStateFile(): string {
	return join(ivjmPaths().state, 'sign-in.json');
}

/**
 * `<XDG state>/ivjm/sign-in.json`: saved tokens, the last user, the keyring accounts. The file
 * is 0600 in a 0700 folder, written whole and renamed into place; it never holds a password.
 */
export class SignInState {
	readonly file: string;

	constructor(file: string = signInStateFile()) {
		this.file = file;
	}

	async read(): Promise<State> {
		try {
			const parsed = stateSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
			if (parsed.success) return parsed.data;
		} catch {
			// Missing or unreadable: the same as nothing saved; the next sign-in rewrites it.
		}
		return {tokens: [], remembered: []};
	}

	/** A saved token for this user and project that has more than `reuseMarginMs` left. */
	async findToken(query: TokenQuery, now: number = Date.now()): Promise<SavedToken | undefined> {
		const {tokens} = await this.read();
		return tokens.find(
			(saved) => sameAccount(saved, query) && Date.parse(saved.expiresAt) - now > reuseMarginMs,
		);
	}

	async saveToken(token: SavedToken, now: number = Date.now()): Promise<void> {
		await this.update((state) => ({
			...state,
			tokens: [
				...state.tokens.filter(
					(saved) => !sameAccount(saved, token) && Date.parse(saved.expiresAt) > now,
				),
				token,
			],
			last: {
				authUrl: token.authUrl,
				username: token.username,
				project: token.project.name ?? token.project.id ?? token.projectName,
			},
		}));
	}

	/** Forgets a token that Swift or Keystone refused. */
	async dropToken(token: string): Promise<void> {
		await this.update((state) => ({
			...state,
			tokens: state.tokens.filter((saved) => saved.token !== token),
		}));
	}

	async setRemembered(account: string, remembered: boolean): Promise<void> {
		await this.update((state) => ({
			...state,
			remembered: [
				...state.remembered.filter((known) => known !== account),
				...(remembered ? [account] : []),
			],
		}));
	}

	/** Removes the file (what `ivjm logout` does); true if there was one. */
	async clear(): Promise<boolean> {
		try {
			await rm(this.file);
			return true;
		} catch {
			return false;
		}
	}

	private async update(change: (state: State) => State): Promise<void> {
		const next = change(await this.read());
		const folder = dirname(this.file);
		await mkdir(folder, {recursive: true, mode: 0o700});
		await chmod(folder, 0o700);
		await writePrivateFile(this.file, `${JSON.stringify(next, null, '\t')}\n`);
	}
}

export function normalAuthUrl(url: string): string {
	return url.replace(/\/+$/u, '');
}

function sameAccount(saved: TokenQuery, query: TokenQuery): boolean {
	return (
		normalAuthUrl(saved.authUrl) === normalAuthUrl(query.authUrl) &&
		saved.userDomain === query.userDomain &&
		saved.username === query.username &&
		sameProject(saved.project, query.project)
	);
}

function sameProject(a: ProjectRef, b: ProjectRef): boolean {
	if (a.id && b.id) return a.id === b.id;
	return a.name !== undefined && a.name === b.name;
}
