import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {ivjmPaths} from '../config/paths.js';
import {writePrivateFile} from '../util/write-private-file.js';
import {Crypt4ghError} from './errors.js';
import {fingerprint} from './fingerprint.js';

/**
 * The published keys this user has encrypted to before, by holder, as ssh's known_hosts keeps
 * hosts: anyone in the project can write the bucket, so a key swapped there would otherwise
 * receive the next results unnoticed. A first use is recorded and shown; a change is refused
 * until the user accepts the new key (after asking its holder, out of band).
 */
export type KeyCheck =
	| {status: 'first-use'; fingerprint: string}
	| {status: 'known'; fingerprint: string}
	| {status: 'changed'; fingerprint: string; before: string; since: string};

type Record = {fingerprint: string; since: string};

export class KeyChanged extends Crypt4ghError {
	constructor(
		readonly holder: string,
		readonly check: Extract<KeyCheck, {status: 'changed'}>,
		/** The command that accepts the new key (`ivjm keys trust --job …`). */
		trustCommand = 'ivjm keys trust',
	) {
		super(
			`the published key of ${holder} changed: it was ${check.before} (used since ${check.since}), ` +
				`it is now ${check.fingerprint}. Nothing was encrypted to it. Ask them which key is theirs; ` +
				`if the new one is, accept it with: ${trustCommand}`,
		);
	}
}

export function knownKeysFile(): string {
	return join(ivjmPaths().config, 'known-keys.json');
}

export class KnownKeys {
	constructor(
		private readonly file = knownKeysFile(),
		private readonly now = () => new Date(),
	) {}

	/** Compares `publicKey` with what is known of `holder`; records it on first use. */
	async check(holder: string, publicKey: Uint8Array): Promise<KeyCheck> {
		const records = await this.read();
		const seen = fingerprint(publicKey);
		const known = records[holder];
		if (!known) {
			records[holder] = {fingerprint: seen, since: this.now().toISOString()};
			await this.write(records);
			return {status: 'first-use', fingerprint: seen};
		}
		if (known.fingerprint === seen) return {status: 'known', fingerprint: seen};
		return {status: 'changed', fingerprint: seen, before: known.fingerprint, since: known.since};
	}

	/** `check`, with a change thrown as KeyChanged (naming `trustCommand`). */
	async require(holder: string, publicKey: Uint8Array, trustCommand?: string): Promise<KeyCheck> {
		const check = await this.check(holder, publicKey);
		if (check.status === 'changed') throw new KeyChanged(holder, check, trustCommand);
		return check;
	}

	/** Accepts `publicKey` as the key of `holder` from now on. */
	async trust(holder: string, publicKey: Uint8Array): Promise<void> {
		const records = await this.read();
		records[holder] = {fingerprint: fingerprint(publicKey), since: this.now().toISOString()};
		await this.write(records);
	}

	private async read(): Promise<{[holder: string]: Record}> {
		let content: string;
		try {
			content = await readFile(this.file, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
			throw error;
		}
		let parsed: unknown;
		try {
			parsed = JSON.parse(content);
		} catch {
			parsed = undefined;
		}
		if (isRecords(parsed)) return parsed;
		// Trusting anew on a damaged file would accept a swapped key silently: stop instead.
		throw new Crypt4ghError(
			`${this.file} cannot be read as the keys you trusted; fix or remove it (removing it trusts every key anew on its next use)`,
		);
	}

	private async write(records: {[holder: string]: Record}): Promise<void> {
		await writePrivateFile(this.file, JSON.stringify(records, null, 2) + '\n', {durable: true});
	}
}

function isRecords(value: unknown): value is {[holder: string]: Record} {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	return Object.values(value).every(
		(entry: unknown) =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof (entry as Record).fingerprint === 'string' &&
			typeof (entry as Record).since === 'string',
	);
}
