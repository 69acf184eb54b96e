import type {Secret} from '../credentials/secret.js';
import {defaultBucket} from '../protocol/keys.js';
import {tildePath} from './home-path.js';
import type {Settings, Sourced} from './settings.js';
import type {StoreChoice} from './store-choice.js';

/** One line of `ivjm config`: a setting, its value (secrets masked) and where it came from. */
export type SettingRow = {key: string; value: string; from: string};

/** A secret is only said to be set: not even its length is shown. */
function masked(_secret: Secret): string {
	return 'set';
}

/** The effective settings in the order a person reads them, never with a secret in clear. */
export function describeSettings(settings: Settings, store: StoreChoice): SettingRow[] {
	const rows: SettingRow[] = [{key: 'store', value: storeWords(store), from: store.why}];
	const row = <T>(key: string, setting: Sourced<T> | undefined, show: (value: T) => string) => {
		rows.push(
			setting
				? {key, value: show(setting.value), from: setting.source.label}
				: {key, value: '(not set)', from: ''},
		);
	};
	const text = (value: string) => value;
	row('authUrl', settings.authUrl, text);
	row('username', settings.username, text);
	row('password', settings.password, masked);
	row('project', settings.project, (project) =>
		[project.name, project.id && `id ${project.id}`].filter(Boolean).join(', '),
	);
	row('userDomain', settings.userDomain, text);
	row('projectDomain', settings.projectDomain, text);
	row('region', settings.region, text);
	row('interface', settings.interface, text);
	row('token', settings.token, masked);
	row('storageUrl', settings.storageUrl, text);
	row('cloud', settings.cloud, text);
	if (settings.bucket) row('bucket', settings.bucket, text);
	else {
		const project = settings.project.value.name;
		rows.push({
			key: 'bucket',
			value: project ? defaultBucket(project) : '<project name>-intervene-tasks',
			from: 'default: <project>-intervene-tasks',
		});
	}
	row('role', settings.role, text);
	row('biobank', settings.biobank, text);
	row('downloadDir', settings.downloadDir, tildeText);
	row('workDir', settings.workDir, tildeText);
	row('refreshSeconds', settings.refreshSeconds, (seconds) => `${seconds} s`);
	row('keyring', settings.keyring, text);
	return rows;
}

function tildeText(path: string): string {
	return tildePath(path);
}

function storeWords(store: StoreChoice): string {
	switch (store.kind) {
		case 'local':
			return `local store ${tildePath(store.root)}`;
		case 'demo':
			return 'demo store';
		case 'swift-token':
			return 'Swift, with the token OS_AUTH_TOKEN';
		case 'swift':
			return 'Swift, with a Keystone password sign-in';
	}
}
