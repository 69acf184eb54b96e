import {createHash, randomBytes} from 'node:crypto';
import {connect} from 'node:net';
import type {ObjectStore} from '../../source/storage/store.js';

/** The real test servers (Swift with tempauth, Keystone v3), as `test/server/start.sh` exports them. */
export type TestServers = {
	tempauthUrl: string;
	tempauthUser: string;
	tempauthKey: string;
	keystoneUrl: string;
	memcachedPort: number;
	testDir: string;
	/** Set when start.sh provisioned Keystone (it exports the project's id). */
	keystoneProjectId?: string;
};

const required = [
	'SWIFT_TEMPAUTH_URL',
	'SWIFT_TEMPAUTH_USER',
	'SWIFT_TEMPAUTH_KEY',
	'KEYSTONE_URL',
	'MEMCACHED_PORT',
	'SWIFT_TEST_DIR',
] as const;

/**
 * The servers' settings. Integration tests never skip quietly: without the settings this throws
 * and says how to run them.
 */
export function testServers(environment: NodeJS.ProcessEnv = process.env): TestServers {
	const missing = required.filter((name) => !environment[name]);
	if (missing.length > 0) {
		throw new Error(
			`The Swift and Keystone test servers are not configured (${missing.join(', ')} unset). ` +
				'Run the tests through `npm test`, which starts the servers, or start them with ' +
				'`bash test/server/start.sh` and then `set -a; source .test-servers/swift.env; set +a`.',
		);
	}
	const value = (name: (typeof required)[number]) => environment[name] ?? '';
	return {
		tempauthUrl: value('SWIFT_TEMPAUTH_URL'),
		tempauthUser: value('SWIFT_TEMPAUTH_USER'),
		tempauthKey: value('SWIFT_TEMPAUTH_KEY'),
		keystoneUrl: value('KEYSTONE_URL'),
		memcachedPort: Number(value('MEMCACHED_PORT')),
		testDir: value('SWIFT_TEST_DIR'),
		keystoneProjectId: environment.KEYSTONE_PROJECT_ID || undefined,
	};
}

/** A container name no other test (or earlier run) uses: `ivjm-test-<label>-<random>`. */
export function uniqueContainer(label: string): string {
	const safe = label
		.toLowerCase()
		.replace(/[^a-z\d]+/g, '-')
		.slice(0, 40);
	return `ivjm-test-${safe}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Sends memcached text-protocol commands; resolves with one reply line per command. */
export async function memcached(port: number, commands: string[]): Promise<string[]> {
	return new Promise<string[]>((resolve, reject) => {
		const socket = connect({host: '127.0.0.1', port});
		let answer = '';
		socket.setEncoding('utf8');
		socket.on('connect', () => socket.write(commands.map((command) => `${command}\r\n`).join('')));
		socket.on('data', (chunk: string) => {
			answer += chunk;
			const lines = answer.split('\r\n').filter(Boolean);
			if (lines.length >= commands.length) {
				socket.end();
				resolve(lines);
			}
		});
		socket.on('error', reject);
	});
}

/**
 * Makes one tempauth token expire now, as `flush_all` would, but without killing the tokens of
 * tests running in parallel: tempauth keeps a token only in memcached, under the MD5 of
 * `AUTH_/token/<token>`, and the user's current token under `AUTH_/user/<account:user>`.
 */
export async function expireTempAuthToken(
	servers: TestServers,
	user: string,
	token: string,
): Promise<void> {
	const hashed = (key: string) => createHash('md5').update(key).digest('hex');
	await memcached(servers.memcachedPort, [
		`delete ${hashed(`AUTH_/token/${token}`)}`,
		`delete ${hashed(`AUTH_/user/${user}`)}`,
	]);
}

/**
 * Ends a Keystone token now, as its expiry would: Keystone revokes it, and the copy Swift's
 * authtoken middleware keeps in memcached (for up to `token_cache_time`) is dropped.
 */
export async function expireKeystoneToken(servers: TestServers, token: string): Promise<void> {
	const answer = await fetch(`${servers.keystoneUrl}/auth/tokens`, {
		method: 'DELETE',
		headers: {'X-Auth-Token': token, 'X-Subject-Token': token},
	});
	if (answer.status !== 204) throw new Error(`Keystone did not revoke the token: ${answer.status}`);
	const cached = createHash('sha256').update(token).digest('hex');
	await memcached(servers.memcachedPort, [`delete tokens/${cached}`]);
}

/** Settings for a raw Swift call in a cleanup: the account's URL and a token. */
export type SwiftAccount = {storageUrl: string; token: string};

/**
 * Deletes a test's container and everything in it. The objects go through the store (keys such
 * as `a/../b` survive no URL parser); the container through a raw DELETE, since the port has no
 * container delete: the program never removes a bucket.
 */
export async function removeContainer(
	store: ObjectStore,
	account: SwiftAccount,
	container: string,
): Promise<void> {
	if (!(await store.containerExists(container))) return;
	for (let round = 0; round < 5; round++) {
		const keys: string[] = [];
		for await (const entry of store.list(container))
			if (entry.kind === 'object') keys.push(entry.key);
		if (keys.length === 0) break;
		await store.deleteMany(container, keys);
	}
	const url = `${account.storageUrl.replace(/\/+$/, '')}/${encodeURIComponent(container)}`;
	const response = await fetch(url, {method: 'DELETE', headers: {'x-auth-token': account.token}});
	await response.arrayBuffer();
	if (response.status >= 300 && response.status !== 404) {
		throw new Error(`Could not remove test container ${container}: HTTP ${response.status}`);
	}
}
