import type {TaskCache} from '../jobs/task-cache.js';
import type {ObjectStore} from '../storage/store.js';
import {analystSource} from './analyst-source.js';
import type {WatchSource} from './observation.js';
import {researcherSource} from './researcher-source.js';

/** Whose changes are watched: a researcher's own jobs, or the requests to one biobank. */
export type WatchRole = {kind: 'researcher'; user: string} | {kind: 'analyst'; biobank: string};

/** Store, bucket and role in words: names the state folder and is shown to the person. */
export function watchScope(storeDescription: string, bucket: string, role: WatchRole): string {
	const who =
		role.kind === 'researcher' ? `the jobs of ${role.user}` : `the requests to ${role.biobank}`;
	return `${who} in ${bucket} (${storeDescription})`;
}

/**
 * What one poll asks the store for this role. `extra` is where the release review plugs in its
 * source of deliveries awaiting review (built with `reviewWaitingObservation`).
 */
export function watchSources(
	role: WatchRole,
	store: ObjectStore,
	bucket: string,
	tasks: TaskCache,
	extra: readonly WatchSource[] = [],
): WatchSource[] {
	const own =
		role.kind === 'researcher'
			? researcherSource(store, bucket, role.user, tasks)
			: analystSource(store, bucket, role.biobank);
	return [own, ...extra];
}
