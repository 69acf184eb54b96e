import type {Settings} from './settings.js';

/** Which store ivjm opens, and why, in the words `ivjm config` prints. */
export type StoreChoice =
	| {kind: 'local'; root: string; why: string}
	| {kind: 'demo'; why: string}
	| {kind: 'swift-token'; why: string}
	| {kind: 'swift'; why: string};

/**
 * `--store` (or the config file's `store`) decides when given. Otherwise a token pair means
 * Swift with that token; any sign-in setting, or an earlier sign-in, means Swift with a password;
 * with none of them ivjm opens the demo store, as on a fresh machine.
 */
export function chooseStore(settings: Settings, signedInBefore: boolean): StoreChoice {
	const store = settings.store;
	if (store?.value.startsWith('local:')) {
		return {kind: 'local', root: store.value.slice('local:'.length), why: `${store.source.label}`};
	}
	if (store?.value === 'demo') return {kind: 'demo', why: store.source.label};
	if (settings.token) return {kind: 'swift-token', why: 'OS_AUTH_TOKEN and OS_STORAGE_URL are set'};
	if (store?.value === 'swift') return {kind: 'swift', why: store.source.label};
	const given = (['username', 'password', 'cloud', 'authUrl', 'project', 'bucket'] as const).find(
		(key) => {
			const setting = settings[key];
			// `--user` alone names the demo store's user, as it always has.
			if (key === 'username' && setting?.source.kind === 'flag') return false;
			return setting !== undefined && setting.source.kind !== 'default';
		},
	);
	if (given) return {kind: 'swift', why: `${settings[given]?.source.label} is set`};
	if (signedInBefore)
		return {kind: 'swift', why: 'you signed in before (`ivjm logout` forgets it)'};
	return {
		kind: 'demo',
		why: 'no Swift settings: set OS_* variables, write a config file, or start with --store swift',
	};
}
