import {describeSettings} from '../config/describe-settings.js';
import {tildePath} from '../config/home-path.js';
import {loadSettings} from '../config/settings.js';
import {chooseStore} from '../config/store-choice.js';
import {findKeyring, noKeyringMessage} from '../credentials/keyring.js';
import {SignInState} from '../credentials/saved-sign-in.js';
import {NotFound} from '../storage/errors/index.js';
import {defineCommand} from './kit/define-command.js';
import {utcTime} from './kit/utc-time.js';

/** `ivjm config`: the effective settings, where each came from, and what is saved. */
export const configCommand = defineCommand({
	name: 'config',
	summary: 'show the settings in effect and where each came from (--check signs in)',
	details: [
		'Passwords and tokens are only said to be set. Prints a table on a terminal; piped, one',
		'setting per line, tab-separated: name, value, where it came from.',
		'With --check, exit code 4 when the bucket does not exist, 3 when the sign-in is refused.',
	],
	flags: {check: {type: 'boolean', help: 'also sign in and check that the bucket exists'}},
	async run({flags, settingsFlags, session, out}) {
		const settings = await loadSettings({flags: settingsFlags});
		const state = new SignInState();
		const saved = await state.read();
		const rows = describeSettings(settings, chooseStore(settings, saved.last !== undefined));
		const probe = await findKeyring(settings.keyring.value);
		const now = Date.now();
		const savedTokens = saved.tokens.map((token) => ({
			username: token.username,
			project: token.projectName,
			authUrl: token.authUrl,
			expires: utcTime(token.expiresAt) ?? new Date(0).toISOString(),
			valid: Date.parse(token.expiresAt) > now,
		}));
		const files = {
			config: `${tildePath(settings.configFile.path)}${settings.configFile.found ? '' : ' (none)'}`,
			cloudsYaml: settings.cloudsFile ? tildePath(settings.cloudsFile) : null,
			signIn: tildePath(state.file),
		};
		const keyring = probe.keyring ? probe.keyring.description : noKeyringMessage(probe);
		let check = null;
		if (flags.check) {
			const {store, bucket, user, location} = await session();
			check = {user, location, bucket, bucketExists: await store.containerExists(bucket)};
			if (!check.bucketExists) {
				throw new NotFound(
					`Signed in as ${user} (${location}), but the bucket ${bucket} does not exist.`,
					{
						container: bucket,
					},
				);
			}
		}
		if (flags.json) return out.json('config', {settings: rows, files, keyring, savedTokens, check});
		out.table(
			[{header: 'SETTING'}, {header: 'VALUE', max: 60}, {header: 'FROM', max: 60}],
			[
				...rows.map((row) => [row.key, row.value, row.from]),
				['configFile', files.config, ''],
				['cloudsYaml', files.cloudsYaml ?? '(not used)', ''],
				['signInState', files.signIn, ''],
				...savedTokens.map((token) => [
					`token ${token.username}@${token.project}`,
					token.valid ? `valid until ${token.expires}` : `expired ${token.expires}`,
					token.authUrl,
				]),
				['keyring', keyring, ''],
				...(check
					? [
							[
								'check',
								`signed in as ${check.user}; the bucket ${check.bucket} answers`,
								check.location,
							],
						]
					: []),
			],
		);
	},
});
