import {rm} from 'node:fs/promises';
import {join} from 'node:path';
import {tildePath} from '../config/home-path.js';
import {ivjmPaths} from '../config/paths.js';
import {loadSettings} from '../config/settings.js';
import {findKeyring} from '../credentials/keyring.js';
import {SignInState} from '../credentials/saved-sign-in.js';
import {keyringAccount} from '../credentials/swift-connection.js';
import {exists} from '../util/exists.js';
import {defineCommand} from './kit/define-command.js';
import {shown} from '../text/display-text.js';

/**
 * `ivjm logout`: forgets the saved tokens, every password ivjm put in a keyring, and the job
 * descriptions kept from the bucket.
 */
export const logoutCommand = defineCommand({
	name: 'logout',
	summary: 'forget the saved sign-in token, the remembered password and the kept job descriptions',
	flags: {},
	async run({settingsFlags, flags, out}) {
		const settings = await loadSettings({flags: settingsFlags});
		const state = new SignInState();
		const saved = await state.read();
		const accounts = new Set(saved.remembered);
		const username = settings.username?.value ?? saved.last?.username;
		if (username) accounts.add(keyringAccount({authUrl: settings.authUrl.value}, username));
		if (saved.last) accounts.add(keyringAccount(saved.last, saved.last.username));
		const removed: string[] = [];
		const {keyring} = await findKeyring(settings.keyring.value);
		if (keyring) {
			for (const account of accounts) {
				if (await keyring.remove(account).catch(() => false)) {
					removed.push(`the password of ${account} from ${keyring.description}`);
				}
			}
		}
		if (await state.clear()) removed.push(`the saved sign-in (${tildePath(state.file)})`);
		const tasks = join(ivjmPaths().cache, 'tasks');
		if (await exists(tasks)) {
			await rm(tasks, {recursive: true, force: true});
			removed.push(`the kept job descriptions (${tildePath(tasks)})`);
		}
		if (flags.json) return out.json('logout', {removed});
		out.lines(
			removed.length > 0
				? shown`Signed out: ${removed.map((what) => `removed ${what}`).join('; ')}.`
				: 'Nothing to forget: no saved sign-in and no remembered password.',
		);
	},
});
