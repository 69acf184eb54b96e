import type {KeyringChoice} from '../config/defaults.js';

/** Where a remembered password is kept: a place that is not a file in clear. */
export type Keyring = {
	kind: 'keytar' | 'secret-service' | 'kernel';
	/** For people: "the Secret Service keyring (keytar)". */
	description: string;
	get(account: string): Promise<string | undefined>;
	set(account: string, password: string): Promise<void>;
	/** True when there was an entry to remove. */
	remove(account: string): Promise<boolean>;
};

export type KeyringProbe = {
	keyring?: Keyring;
	/** Each keyring tried that did not work, and why, in a person's words. */
	unusable: Array<{name: string; why: string}>;
};

export const keyringService = 'ivjm';

type Candidate = {name: string; open: () => Promise<Keyring>};

/**
 * The first keyring that works here, in the readme's order: keytar (Secret Service over D-Bus),
 * then @napi-rs/keyring's Secret Service, then its kernel keyring (keyutils). Each is loaded
 * lazily and must store and remove a probe entry within `timeoutMs`: a Secret Service that
 * waits for an unlock prompt nobody will see must not hold up the start.
 */
export async function findKeyring(
	choice: KeyringChoice,
	{timeoutMs = 2000}: {timeoutMs?: number} = {},
): Promise<KeyringProbe> {
	const unusable: KeyringProbe['unusable'] = [];
	if (choice === 'none') {
		return {unusable: [{name: 'keyring', why: 'turned off by the keyring setting ("none")'}]};
	}
	const candidates: Candidate[] = [];
	if (choice === 'auto' || choice === 'keytar') candidates.push({name: 'keytar', open: openKeytar});
	if (choice === 'auto') {
		candidates.push({name: 'Secret Service', open: () => openNapi('secret-service')});
	}
	if (choice === 'auto' || choice === 'kernel') {
		candidates.push({name: 'kernel keyring', open: () => openNapi('keyutils')});
	}
	for (const candidate of candidates) {
		try {
			const keyring = await withTimeout(candidate.open(), timeoutMs);
			await withTimeout(probe(keyring), timeoutMs);
			return {keyring, unusable};
		} catch (error) {
			unusable.push({name: candidate.name, why: explain(error)});
		}
	}
	return {unusable};
}

/** One plain sentence on why the password will be asked again. */
export function noKeyringMessage(probe: KeyringProbe): string {
	const names = new Map<string, string[]>();
	for (const {name, why} of probe.unusable) names.set(why, [...(names.get(why) ?? []), name]);
	const reasons = [...names].map(([why, which]) => `${which.join(' and ')}: ${why}`).join('; ');
	return (
		`No keyring here (${reasons}). The password stays in memory only: ivjm asks for it ` +
		'again when the sign-in token expires.'
	);
}

async function probe(keyring: Keyring): Promise<void> {
	const account = `probe-${process.pid}`;
	await keyring.set(account, 'probe');
	await keyring.remove(account);
}

type Keytar = {
	getPassword(service: string, account: string): Promise<string | null>;
	setPassword(service: string, account: string, password: string): Promise<void>;
	deletePassword(service: string, account: string): Promise<boolean>;
};

// A variable, so that TypeScript and bundlers do not insist on an optional dependency.
const keytarModule = 'keytar';

async function openKeytar(): Promise<Keyring> {
	let loaded: {default?: Keytar} & Partial<Keytar>;
	try {
		loaded = (await import(keytarModule)) as typeof loaded;
	} catch {
		throw new Unusable('not installed (it builds only where libsecret-1-dev is installed)');
	}
	const keytar = (loaded.default ?? loaded) as Keytar;
	return {
		kind: 'keytar',
		description: 'the Secret Service keyring (keytar)',
		async get(account) {
			return (await keytar.getPassword(keyringService, account)) ?? undefined;
		},
		async set(account, password) {
			await keytar.setPassword(keyringService, account, password);
		},
		async remove(account) {
			return keytar.deletePassword(keyringService, account);
		},
	};
}

type NapiEntry = {
	getPassword(): Promise<string | null>;
	setPassword(password: string): Promise<void>;
	deletePassword(): Promise<boolean>;
};
type NapiKeyring = {
	AsyncEntry: new (
		service: string,
		account: string,
		options?: {linux?: {store?: 'secret-service' | 'keyutils'}},
	) => NapiEntry;
};

async function openNapi(store: 'secret-service' | 'keyutils'): Promise<Keyring> {
	let napi: NapiKeyring;
	try {
		napi = (await import('@napi-rs/keyring')) as unknown as NapiKeyring;
	} catch {
		throw new Unusable('@napi-rs/keyring has no build for this platform');
	}
	const entry = (account: string) => new napi.AsyncEntry(keyringService, account, {linux: {store}});
	return {
		kind: store === 'keyutils' ? 'kernel' : 'secret-service',
		description:
			store === 'keyutils'
				? 'the kernel keyring (@napi-rs/keyring)'
				: 'the Secret Service keyring (@napi-rs/keyring)',
		async get(account) {
			return (await entry(account).getPassword()) ?? undefined;
		},
		async set(account, password) {
			await entry(account).setPassword(password);
		},
		async remove(account) {
			return entry(account).deletePassword();
		},
	};
}

class Unusable extends Error {}

function explain(error: unknown): string {
	if (error instanceof Unusable) return error.message;
	const message = error instanceof Error ? error.message : String(error);
	if (/D-?Bus/iu.test(message)) return 'no D-Bus session (no desktop login)';
	if (/AccessDenied|Couldn't access platform storage/iu.test(message)) {
		return 'no session keyring for this login';
	}
	if (/timed out/iu.test(message)) return message;
	return message.split('\n')[0] ?? message;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(
			() =>
				reject(new Unusable(`did not answer within ${ms} ms (locked, or waiting for a prompt)`)),
			ms,
		);
		timer.unref();
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}
