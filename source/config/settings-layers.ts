/**
 * The layers of the settings, each read from one source: flags, environment, a clouds.yaml
 * entry, the config file, and the defaults. Each value is checked where it is read, so an error
 * names the flag, variable or file it came from.
 */
import {Secret} from '../credentials/secret.js';
import type {CloudEntry} from './clouds-yaml.js';
import type {ConfigFile} from './config-file.js';
import {ConfigError} from './config-error.js';
import {
	cscDefaults,
	endpointInterfaces,
	keyringChoices,
	looksLikeProjectId,
	type EndpointInterfaceName,
	type KeyringChoice,
} from './defaults.js';
import {tildePath} from './home-path.js';
import type {Layer, SettingsFlags, Source, Values} from './settings-types.js';

/** The built-in values (CSC's), the last layer. */
export function defaults(): Layer {
	const source: Source = {kind: 'default', label: 'default (CSC)'};
	const plain: Source = {kind: 'default', label: 'default'};
	return {
		authUrl: {value: cscDefaults.authUrl, source},
		project: {value: {name: cscDefaults.project}, source},
		userDomain: {value: cscDefaults.userDomain, source},
		projectDomain: {value: cscDefaults.projectDomain, source},
		interface: {value: cscDefaults.interface, source},
		downloadDir: {value: cscDefaults.downloadDir, source: plain},
		workDir: {value: cscDefaults.workDir, source: plain},
		refreshSeconds: {value: cscDefaults.refreshSeconds, source: plain},
		keyring: {value: cscDefaults.keyring, source: plain},
	};
}

export function fromFlags(flags: SettingsFlags): Layer {
	const layer: Layer = {};
	const source = (name: string): Source => ({kind: 'flag', label: `--${name}`});
	if (flags.store) layer.store = {value: flags.store, source: source('store')};
	if (flags.user) layer.username = {value: flags.user, source: source('user')};
	if (flags.authUrl) {
		layer.authUrl = {value: checkUrl(flags.authUrl, '--auth-url'), source: source('auth-url')};
	}
	if (flags.project) {
		const project = looksLikeProjectId(flags.project) ? {id: flags.project} : {name: flags.project};
		layer.project = {value: project, source: source('project')};
	}
	if (flags.bucket) layer.bucket = {value: flags.bucket, source: source('bucket')};
	if (flags.cloud) layer.cloud = {value: flags.cloud, source: source('cloud')};
	return layer;
}

/** The OpenStack variables (as `openrc` files and CSC's `allas-conf` set them) and IVJM_KEYRING. */
export const environmentVariables = [
	'OS_AUTH_URL',
	'OS_USERNAME',
	'OS_PASSWORD',
	'OS_PROJECT_NAME',
	'OS_PROJECT_ID',
	'OS_USER_DOMAIN_NAME',
	'OS_PROJECT_DOMAIN_NAME',
	'OS_REGION_NAME',
	'OS_INTERFACE',
	'OS_AUTH_TOKEN',
	'OS_STORAGE_URL',
	'OS_CLOUD',
	'OS_CLIENT_CONFIG_FILE',
	'IVJM_KEYRING',
] as const;

export function fromEnvironment(environment: NodeJS.ProcessEnv): Layer {
	const read = (name: (typeof environmentVariables)[number]) => {
		const value = environment[name]?.trim();
		return value ? value : undefined;
	};
	const source = (name: string): Source => ({kind: 'environment', label: name});
	const layer: Layer = {};
	const authUrl = read('OS_AUTH_URL');
	if (authUrl)
		layer.authUrl = {value: checkUrl(authUrl, 'OS_AUTH_URL'), source: source('OS_AUTH_URL')};
	const username = read('OS_USERNAME');
	if (username) layer.username = {value: username, source: source('OS_USERNAME')};
	const password = environment['OS_PASSWORD'];
	if (password) layer.password = {value: new Secret(password), source: source('OS_PASSWORD')};
	const projectId = read('OS_PROJECT_ID');
	const projectName = read('OS_PROJECT_NAME');
	if (projectId || projectName) {
		layer.project = {
			value: {...(projectName ? {name: projectName} : {}), ...(projectId ? {id: projectId} : {})},
			source: source(
				[projectName && 'OS_PROJECT_NAME', projectId && 'OS_PROJECT_ID']
					.filter(Boolean)
					.join(' + '),
			),
		};
	}
	const userDomain = read('OS_USER_DOMAIN_NAME');
	if (userDomain) layer.userDomain = {value: userDomain, source: source('OS_USER_DOMAIN_NAME')};
	const projectDomain = read('OS_PROJECT_DOMAIN_NAME');
	if (projectDomain) {
		layer.projectDomain = {value: projectDomain, source: source('OS_PROJECT_DOMAIN_NAME')};
	}
	const region = read('OS_REGION_NAME');
	if (region) layer.region = {value: region, source: source('OS_REGION_NAME')};
	const endpoint = read('OS_INTERFACE');
	if (endpoint) {
		layer.interface = {
			value: checkInterface(endpoint, 'OS_INTERFACE'),
			source: source('OS_INTERFACE'),
		};
	}
	const token = environment['OS_AUTH_TOKEN']?.trim();
	const storageUrl = read('OS_STORAGE_URL');
	if (token && !storageUrl) {
		throw new ConfigError('OS_AUTH_TOKEN', [
			'is set but OS_STORAGE_URL is not: set both (allas-conf exports both), or unset OS_AUTH_TOKEN to sign in with a password',
		]);
	}
	if (token && storageUrl) {
		layer.token = {value: new Secret(token), source: source('OS_AUTH_TOKEN')};
		layer.storageUrl = {
			value: checkUrl(storageUrl, 'OS_STORAGE_URL'),
			source: source('OS_STORAGE_URL'),
		};
	}
	const cloud = read('OS_CLOUD');
	if (cloud) layer.cloud = {value: cloud, source: source('OS_CLOUD')};
	const keyring = read('IVJM_KEYRING');
	if (keyring)
		layer.keyring = {value: checkKeyring(keyring, 'IVJM_KEYRING'), source: source('IVJM_KEYRING')};
	return layer;
}

export function fromCloud(entry: CloudEntry): Layer {
	const where = tildePath(entry.file);
	const source = (key: string): Source => ({
		kind: 'clouds.yaml',
		label: `clouds.yaml "${entry.cloud}" ${key} (${where})`,
	});
	const layer: Layer = {};
	if (entry.authUrl)
		layer.authUrl = {
			value: checkUrl(entry.authUrl, `${where} auth_url`),
			source: source('auth_url'),
		};
	if (entry.username) layer.username = {value: entry.username, source: source('username')};
	if (entry.password)
		layer.password = {value: new Secret(entry.password), source: source('password')};
	if (entry.projectId || entry.projectName) {
		layer.project = {
			value: {
				...(entry.projectName ? {name: entry.projectName} : {}),
				...(entry.projectId ? {id: entry.projectId} : {}),
			},
			source: source(entry.projectId ? 'project_id' : 'project_name'),
		};
	}
	if (entry.userDomain)
		layer.userDomain = {value: entry.userDomain, source: source('user_domain_name')};
	if (entry.projectDomain) {
		layer.projectDomain = {value: entry.projectDomain, source: source('project_domain_name')};
	}
	if (entry.region) layer.region = {value: entry.region, source: source('region_name')};
	if (entry.interface) {
		layer.interface = {
			value: checkInterface(entry.interface, `${where} interface`),
			source: source('interface'),
		};
	}
	return layer;
}

export function fromFile(file: ConfigFile, path: string): Layer {
	const source = (key: string): Source => ({
		kind: 'config file',
		label: `${tildePath(path)} ${key}`,
	});
	const layer: Layer = {};
	const copy = <Key extends keyof ConfigFile & keyof Values>(key: Key) => {
		const value = file[key];
		if (value !== undefined) (layer as Record<string, unknown>)[key] = {value, source: source(key)};
	};
	for (const key of [
		'store',
		'authUrl',
		'username',
		'userDomain',
		'projectDomain',
		'region',
		'interface',
		'cloud',
		'bucket',
		'role',
		'biobank',
		'downloadDir',
		'workDir',
		'refreshSeconds',
		'keyring',
	] as const) {
		copy(key);
	}
	if (file.project !== undefined || file.projectId !== undefined) {
		layer.project = {
			value: {
				...(file.project ? {name: file.project} : {}),
				...(file.projectId ? {id: file.projectId} : {}),
			},
			source: source(file.projectId ? 'projectId' : 'project'),
		};
	}
	return layer;
}

function checkUrl(value: string, where: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new ConfigError(where, [
			`"${value}" is not a URL: write it like https://pouta.csc.fi:5001/v3`,
		]);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new ConfigError(where, [
			`"${value}" must start with https:// (or http:// on a test server)`,
		]);
	}
	return value;
}

function checkInterface(value: string, where: string): EndpointInterfaceName {
	// python-openstackclient also accepts the old "publicURL" spelling.
	const name = value.replace(/URL$/u, '');
	const known = endpointInterfaces.find((candidate) => candidate === name);
	if (!known)
		throw new ConfigError(where, [`"${value}" must be one of ${endpointInterfaces.join(', ')}`]);
	return known;
}

function checkKeyring(value: string, where: string): KeyringChoice {
	const known = keyringChoices.find((candidate) => candidate === value);
	if (!known)
		throw new ConfigError(where, [`"${value}" must be one of ${keyringChoices.join(', ')}`]);
	return known;
}
