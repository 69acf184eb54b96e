import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Secret} from '../../source/credentials/secret.js';
import {readPrivateKey, type PrivateKey} from '../../source/crypt4gh/index.js';

// The reference implementation's golden files sit beside the repository (../shared), both in a
// developer's tree and in CI. Read-only.
const root = new URL('../../../shared/fixtures/crypt4gh/', import.meta.url);

export function fixturePath(name: string): string {
	return fileURLToPath(new URL(name, root));
}

export function fixtureBytes(name: string): Buffer {
	return readFileSync(fixturePath(name));
}

export function fixtureText(name: string): string {
	return readFileSync(fixturePath(name), 'utf8');
}

export type FixtureFile = {
	name: string;
	role: 'key' | 'plaintext' | 'encrypted';
	size: number;
	sha256: string;
	sender?: string;
	recipients?: string[];
	decrypts_to?: string;
	header_size?: number;
	header_packets?: number;
	data_segments?: number;
	edit_list?: number[] | null;
	kdf?: string;
	comment?: string | null;
	public_key_hex?: string;
	tamper?: {offset: number};
	key_owner?: string;
	key_kind?: 'public' | 'private';
};

export const fixtureIndex = JSON.parse(fixtureText('index.json')) as {
	passphrases: Record<string, string | null>;
	files: FixtureFile[];
};

export const people = ['alice', 'bob', 'carol', 'dave', 'erin'] as const;

export function passphraseOf(person: string): Secret {
	const passphrase = fixtureIndex.passphrases[person];
	if (passphrase === undefined || passphrase === null)
		throw new Error(`${person} has no passphrase`);
	return new Secret(passphrase);
}

const loaded = new Map<string, Promise<PrivateKey>>();

/** A fixture person's private key, unlocked with the passphrase index.json gives. */
export async function privateKeyOf(person: string): Promise<PrivateKey> {
	let key = loaded.get(person);
	if (!key) {
		key = readPrivateKey(fixtureText(`${person}.sec`), `${person}.sec`, async () =>
			passphraseOf(person),
		);
		loaded.set(person, key);
	}
	return key;
}

/** One file's entry in index.json. */
export function fixtureFile(name: string): FixtureFile {
	const file = fixtureIndex.files.find((entry) => entry.name === name);
	if (!file) throw new Error(`${name} is not in the fixtures' index.json`);
	return file;
}
