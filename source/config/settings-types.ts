import type {Secret} from '../credentials/secret.js';
import type {EndpointInterfaceName, KeyringChoice, Role} from './defaults.js';

/** Where a setting's value came from, in the words `ivjm config` prints. */
export type Source = {
	kind: 'flag' | 'environment' | 'clouds.yaml' | 'config file' | 'default' | 'sign-in';
	label: string;
};

export type Sourced<T> = {value: T; source: Source};

/** A project by name, by id, or both (Keystone scopes by id when it has one). */
export type ProjectRef = {name?: string; id?: string};

/** The command-line flags that are settings. */
export type SettingsFlags = {
	store?: string;
	user?: string;
	project?: string;
	authUrl?: string;
	bucket?: string;
	cloud?: string;
};

/** Every setting's value type. */
export type Values = {
	store: string;
	authUrl: string;
	username: string;
	password: Secret;
	project: ProjectRef;
	userDomain: string;
	projectDomain: string;
	region: string;
	interface: EndpointInterfaceName;
	token: Secret;
	storageUrl: string;
	cloud: string;
	bucket: string;
	role: Role;
	biobank: string;
	downloadDir: string;
	workDir: string;
	refreshSeconds: number;
	keyring: KeyringChoice;
};

/** The settings one source gives (flags, environment, clouds.yaml, config file, defaults). */
export type Layer = {[Key in keyof Values]?: Sourced<Values[Key]>};

type Defaulted =
	| 'authUrl'
	| 'project'
	| 'userDomain'
	| 'projectDomain'
	| 'interface'
	| 'downloadDir'
	| 'workDir'
	| 'refreshSeconds'
	| 'keyring';

/** Every setting with its source: flags > environment > clouds.yaml > config file > defaults. */
export type Settings = {[Key in Defaulted]: Sourced<Values[Key]>} & {
	[Key in Exclude<keyof Values, Defaulted>]?: Sourced<Values[Key]>;
} & {configFile: {path: string; found: boolean}; cloudsFile?: string};

/** The order `ivjm config` lists them in. */
export const settingKeys: Array<keyof Values> = [
	'store',
	'authUrl',
	'username',
	'password',
	'project',
	'userDomain',
	'projectDomain',
	'region',
	'interface',
	'token',
	'storageUrl',
	'cloud',
	'bucket',
	'role',
	'biobank',
	'downloadDir',
	'workDir',
	'refreshSeconds',
	'keyring',
];
