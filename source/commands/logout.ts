import {rm} from 'node:fs/promises';
import {join} from 'node:path';
import {ivjmPaths} from '../config/paths.js';
import {loadSettings, type SettingsFlags} from '../config/settings.js';
import {tildePath} from '../config/home-path.js';
import {findKeyring} from '../credentials/keyring.js';
import {SignInState} from '../credentials/saved-sign-in.js';
import {keyringAccount} from '../credentials/swift-connection.js';
import type {Command} from './command.js';
import {exitCodes} from './exit-codes.js';
import {exists} from '../util/exists.js';

/**
 * `ivjm logout`: forgets the saved tokens, every password ivjm put in a keyring, and the job
 * descriptions kept from the bucket.
 */
export const logoutCommand: Command = {
	name: 'logout',
	usage: 'logout',
	summary: 'forget the saved sign-in token, the remembered password and the kept job descriptions',
	async run({flags, stdout}) {
		const settings = await loadSettings({flags: flags as SettingsFlags});
		const state = new SignInState();
		const saved = await state.read();
		const accounts = new Set(saved.remembered);
		const username = settings.username?.value ?? saved.last?.username;
		if (username) accounts.add(keyringAccount({authUrl: settings.authUrl.value}, username));
		if (saved.last) accounts.add(keyringAccount(saved.last, saved.last.username));
		const said: string[] = [];
		const {keyring} = await findKeyring(settings.keyring.value);
		if (keyring) {
			for (const account of accounts) {
				if (await keyring.remove(account).catch(() => false)) {
					said.push(`removed the password of ${account} from ${keyring.description}`);
				}
			}
		}
		if (await state.clear()) {
			said.push(`removed the saved sign-in (${tildePath(state.file)})`);
		}
		const tasks = join(ivjmPaths().cache, 'tasks');
		if (await exists(tasks)) {
			await rm(tasks, {recursive: true, force: true});
			said.push(`removed the kept job descriptions (${tildePath(tasks)})`);
		}
		stdout.write(
			said.length > 0
				? `Signed out: ${said.join('; ')}.\n`
				: 'Nothing to forget: no saved sign-in and no remembered password.\n',
		);
		return exitCodes.ok;
	},
};
