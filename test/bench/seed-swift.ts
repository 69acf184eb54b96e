import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {mapLimit} from '../../source/util/map-limit.js';
import {benchJob, type BenchObject} from './job-shapes.js';
import {tarArchive} from './tar-writer.js';

export type SwiftAccount = {token: string; storageUrl: string};

/** A tempauth sign-in, as `swift -A … -U … -K …` does it. */
export async function signIn(authUrl: string, user: string, key: string): Promise<SwiftAccount> {
	const response = await fetch(authUrl, {headers: {'x-auth-user': user, 'x-auth-key': key}});
	const token = response.headers.get('x-auth-token');
	const storageUrl = response.headers.get('x-storage-url');
	if (!response.ok || !token || !storageUrl)
		throw new Error(`tempauth at ${authUrl} refused ${user}: ${response.status}`);
	return {token, storageUrl};
}

export async function createContainer(account: SwiftAccount, container: string): Promise<void> {
	const response = await fetch(`${account.storageUrl}/${container}`, {
		method: 'PUT',
		headers: {'x-auth-token': account.token},
	});
	if (!response.ok) throw new Error(`PUT ${container}: ${response.status}`);
}

export async function deleteContainerWithObjects(
	account: SwiftAccount,
	container: string,
): Promise<void> {
	// The listing-only rows have no object behind them: a bulk delete drops their rows too.
	for (;;) {
		const response = await fetch(`${account.storageUrl}/${container}?format=json`, {
			headers: {'x-auth-token': account.token},
		});
		if (response.status === 404) return;
		const rows = response.status === 204 ? [] : ((await response.json()) as Array<{name: string}>);
		if (rows.length === 0) break;
		const body = rows.map((row) => `/${container}/${encodeURIComponent(row.name)}`).join('\n');
		await fetch(`${account.storageUrl}?bulk-delete`, {
			method: 'POST',
			headers: {
				'x-auth-token': account.token,
				'content-type': 'text/plain',
				accept: 'application/json',
			},
			body,
		}).then((answer) => answer.text());
	}
	await fetch(`${account.storageUrl}/${container}`, {
		method: 'DELETE',
		headers: {'x-auth-token': account.token},
	});
}

/** Where the test Swift keeps its one container ring partition (test/server/start.sh). */
export type SwiftBackend = {containerPort: number; device: string; partition: number};

export function backendFromEnvironment(environment = process.env): SwiftBackend {
	const base = Number(environment['SWIFT_BACKEND_PORT_BASE'] ?? 6010);
	return {containerPort: base + 1, device: 'd1', partition: 0};
}

/** Swift's `hash_path` of a container: md5 of prefix, `/account/container`, suffix. */
async function containerHash(account: string, container: string): Promise<string> {
	const conf = await readFile('/etc/swift/swift.conf', 'utf8');
	const value = (name: string) =>
		new RegExp(`^\\s*${name}\\s*=\\s*(.*?)\\s*$`, 'm').exec(conf)?.[1] ?? '';
	return createHash('md5')
		.update(
			`${value('swift_hash_path_prefix')}/${account}/${container}${value('swift_hash_path_suffix')}`,
		)
		.digest('hex');
}

export type SeedReport = {
	jobs: number;
	objects: number;
	extracted: number;
	rows: number;
	seconds: number;
};

/**
 * Adds jobs `from` … `to - 1` of `user` to `container`. The objects the measured programs read
 * (each job's task.json) are uploaded with bulk extract-archive, in tars of 500, four at a time.
 * All other objects (biobank task.json, markers, results, inputs, inbox notes) become rows of
 * the container listing only, merged into the container database with the `merge_items` call
 * Swift's own replicator uses: the listing is byte for byte the one real uploads would give,
 * while seeding 100,000 rows takes seconds instead of half an hour (extract-archive stores
 * about 60-80 objects/s on this machine).
 */
export async function seedSwiftJobs(
	account: SwiftAccount,
	backend: SwiftBackend,
	container: string,
	user: string,
	from: number,
	to: number,
): Promise<SeedReport> {
	const started = performance.now();
	const extracted: BenchObject[] = [];
	const listed: BenchObject[] = [];
	for (let index = from; index < to; index++) {
		for (const object of benchJob(user, index)) (object.read ? extracted : listed).push(object);
	}
	const batches: BenchObject[][] = [];
	for (let start = 0; start < extracted.length; start += 500)
		batches.push(extracted.slice(start, start + 500));
	await mapLimit(batches, 4, async (batch) => {
		const tar = tarArchive(
			batch.map((object) => ({
				path: object.key,
				body: object.body,
				mtime: object.writtenAt,
				contentType: object.contentType,
			})),
		);
		const response = await fetch(`${account.storageUrl}/${container}?extract-archive=tar`, {
			method: 'PUT',
			headers: {'x-auth-token': account.token, accept: 'application/json'},
			body: tar,
		});
		const answer = (await response.json()) as {
			'Number Files Created': number;
			Errors: unknown[];
			'Response Status': string;
		};
		if (answer['Number Files Created'] !== batch.length || answer.Errors.length > 0)
			throw new Error(`extract-archive into ${container}: ${JSON.stringify(answer).slice(0, 500)}`);
	});

	const accountName = new URL(account.storageUrl).pathname.split('/').at(-1)!;
	const hash = await containerHash(accountName, container);
	for (let start = 0; start < listed.length; start += 10_000) {
		const items = listed.slice(start, start + 10_000).map((object) => ({
			name: object.key,
			created_at: object.writtenAt.toFixed(5),
			size: object.body.length,
			content_type: object.contentType,
			etag: createHash('md5').update(object.body).digest('hex'),
			deleted: 0,
			storage_policy_index: 0,
		}));
		const url = `http://127.0.0.1:${backend.containerPort}/${backend.device}/${backend.partition}/${hash}`;
		const response = await fetch(url, {
			method: 'REPLICATE',
			headers: {'content-type': 'application/json'},
			body: JSON.stringify(['merge_items', items, null]),
		});
		await response.text();
		if (response.status !== 202)
			throw new Error(`merge_items into ${container}: ${response.status}`);
	}
	return {
		jobs: to - from,
		objects: extracted.length + listed.length,
		extracted: extracted.length,
		rows: listed.length,
		seconds: (performance.now() - started) / 1000,
	};
}

/** How many objects a listing of `prefix` holds, counted page by page. */
export async function countListing(
	account: SwiftAccount,
	container: string,
	prefix: string,
): Promise<number> {
	let count = 0;
	let marker = '';
	for (;;) {
		const query = new URLSearchParams({format: 'json', prefix, marker});
		const response = await fetch(`${account.storageUrl}/${container}?${query}`, {
			headers: {'x-auth-token': account.token},
		});
		if (response.status === 204) return count;
		const rows = (await response.json()) as Array<{name: string}>;
		if (rows.length === 0) return count;
		count += rows.length;
		marker = rows.at(-1)!.name;
	}
}
