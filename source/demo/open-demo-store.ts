import {rename, rm} from 'node:fs/promises';
import {homedir} from 'node:os';
import {ivjmPaths} from '../config/paths.js';
import {defaultBucket} from '../protocol/keys.js';
import {createLocalStore} from '../storage/local/local-store.js';
import type {ObjectStore} from '../storage/store.js';
import {demoUser} from './demo-jobs.js';
import {seedDemo} from './seed-demo.js';
import {exists} from '../util/exists.js';

export const demoProject = 'project_2004504';

export type DemoOptions = {
	/** `local:DIR` to use another folder; the default is the demo store in the user's data folder. */
	store?: string;
	/** The bucket in a `local:DIR` store (default: the demo's). */
	bucket?: string;
	user?: string;
	now?: number;
};

/**
 * The embedded store: with no Swift credentials ivjm runs on a folder, seeded on first use with
 * example jobs. Seeding happens in a sibling folder that is renamed into place when complete,
 * so an interrupted first start never leaves a half-seeded demo behind.
 */
export type OpenedStore = {store: ObjectStore; bucket: string; user: string; location: string};

export async function openDemoStore(options: DemoOptions = {}): Promise<OpenedStore> {
	const explicit = options.store?.startsWith('local:')
		? options.store.slice('local:'.length)
		: undefined;
	if (options.store !== undefined && explicit === undefined) {
		throw new Error(`--store must look like local:DIR, not ${options.store}`);
	}
	const root = explicit ?? ivjmPaths().demoStore;
	const bucket = options.bucket ?? defaultBucket(demoProject);
	if (!(await exists(root))) {
		const seeding = `${root}.seeding-${process.pid}`;
		await rm(seeding, {recursive: true, force: true});
		await seedDemo(createLocalStore({root: seeding}), bucket, options.now ?? Date.now());
		await rename(seeding, root);
	}
	const label = explicit === undefined ? 'demo store' : 'local store';
	const location = `${label} ${root.replace(homedir(), '~')}`;
	return {
		store: createLocalStore({root, description: location}),
		bucket,
		user: options.user ?? demoUser,
		location,
	};
}
