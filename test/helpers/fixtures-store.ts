import {readFile} from 'node:fs/promises';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {ObjectStore} from '../../source/storage/store.js';

// The fixtures sit beside the repository (../shared), both in a developer's tree and in CI.
const root = new URL('../../../shared/fixtures/python-tools-bucket/', import.meta.url);

/** One object the Python tools wrote, as `index.json` records it. */
export type FixtureObject = {
	key: string;
	bytes: number;
	/** `Content-Type` as stored. */
	content_type: string;
	/** `X-Object-Meta-*` headers as stored, names lower-case and with the prefix. */
	meta: Record<string, string>;
};

export type FixtureIndex = {bucket: string; written_by: string; objects: FixtureObject[]};

export const pythonToolsFixture: FixtureIndex = JSON.parse(
	readFileSync(new URL('index.json', root), 'utf8'),
) as FixtureIndex;

/** The exact bytes of one fixture object. */
export async function fixtureBytes(key: string): Promise<Buffer> {
	return readFile(fileURLToPath(new URL(`objects/${key}`, root)));
}

/** `X-Object-Meta-Mtime: 1` → `{mtime: '1'}`: the form the store's `metadata` takes and gives. */
export function fixtureMetadata(object: FixtureObject): Record<string, string> {
	return Object.fromEntries(
		Object.entries(object.meta).map(([name, value]) => [
			name.toLowerCase().replace(/^x-object-meta-/, ''),
			value,
		]),
	);
}

export type CopyOptions = {
	/**
	 * Which objects to copy (all by default). The job's earlier states are subsets: only
	 * `status/submitted` means waiting, `submitted` and `processing` means processing.
	 */
	include?: (object: FixtureObject) => boolean;
	signal?: AbortSignal;
};

/**
 * Copies the objects the deployed Python tools wrote during one full job into `container` of
 * any store, each with its exact bytes, `Content-Type` and `X-Object-Meta-*`, in key order.
 * The container must exist. Returns the objects copied.
 */
export async function copyFixtureObjects(
	store: ObjectStore,
	container: string,
	options: CopyOptions = {},
): Promise<FixtureObject[]> {
	const objects = pythonToolsFixture.objects.filter(options.include ?? (() => true));
	for (const object of objects) {
		const bytes = await fixtureBytes(object.key);
		if (bytes.length !== object.bytes) {
			throw new Error(
				`Fixture ${object.key} has ${bytes.length} bytes, index.json says ${object.bytes}.`,
			);
		}

		await store.put({container, key: object.key}, new Uint8Array(bytes), {
			contentType: object.content_type,
			metadata: fixtureMetadata(object),
			signal: options.signal,
		});
	}

	return objects;
}
