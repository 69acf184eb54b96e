import {describeSettings} from '../config/describe-settings.js';
import {tildePath} from '../config/home-path.js';
import {loadSettings, type SettingsFlags} from '../config/settings.js';
import {chooseStore} from '../config/store-choice.js';
import {findKeyring, noKeyringMessage} from '../credentials/keyring.js';
import {SignInState} from '../credentials/saved-sign-in.js';
import type {Command} from './command.js';
import {exitCodes} from './exit-codes.js';
import {jsonText} from '../text/json-text.js';

/** `ivjm config`: the effective settings, where each came from, and what is saved. */
export const configCommand: Command = {
	name: 'config',
	usage: 'config [--check]',
	summary: 'show the settings in effect and where each came from (--check signs in)',
	async run({flags, openSession, stdout}) {
		const settings = await loadSettings({flags: flags as SettingsFlags});
		const state = new SignInState();
		const saved = await state.read();
		const store = chooseStore(settings, saved.last !== undefined);
		const rows = describeSettings(settings, store);
		const probe = await findKeyring(settings.keyring.value);
		const now = Date.now();
		const tokens = saved.tokens.map((token) => ({
			username: token.username,
			project: token.projectName,
			authUrl: token.authUrl,
			expiresAt: token.expiresAt,
			valid: Date.parse(token.expiresAt) > now,
		}));
		const files = {
			config: `${tildePath(settings.configFile.path)}${settings.configFile.found ? '' : ' (none)'}`,
			cloudsYaml: settings.cloudsFile ? tildePath(settings.cloudsFile) : '(not used)',
			signIn: tildePath(state.file),
		};
		const keyring = probe.keyring ? probe.keyring.description : noKeyringMessage(probe);
		let check: string | undefined;
		if (flags['check'] === true) {
			const session = await openSession();
			const exists = await session.store.containerExists(session.bucket);
			check =
				`signed in as ${session.user} (${session.location}); the bucket ${session.bucket} ` +
				(exists ? 'answers' : 'does not exist yet');
		}
		if (flags['json'] === true) {
			stdout.write(`${jsonText({settings: rows, files, keyring, savedTokens: tokens, check})}\n`);
			return exitCodes.ok;
		}
		const keyWidth = Math.max(...rows.map((row) => row.key.length));
		const valueWidth = Math.min(44, Math.max(...rows.map((row) => row.value.length)));
		const lines = [
			'Settings (flags > environment > clouds.yaml > config file > defaults)',
			...rows.map((row) =>
				`  ${row.key.padEnd(keyWidth)}  ${row.value.padEnd(valueWidth)}  ${row.from}`.trimEnd(),
			),
			'',
			'Files',
			`  config file    ${files.config}`,
			`  clouds.yaml    ${files.cloudsYaml}`,
			`  sign-in state  ${files.signIn}`,
			...tokens.map(
				(token) =>
					`    token of ${token.username} for ${token.project}: ` +
					(token.valid ? `valid until ${token.expiresAt}` : `expired ${token.expiresAt}`),
			),
			'',
			`Keyring: ${keyring}`,
			...(check ? ['', `Check: ${check}`] : []),
		];
		stdout.write(`${lines.join('\n')}\n`);
		return exitCodes.ok;
	},
};
