import {openDemoStore} from './demo/open-demo-store.js';
import {TaskCache} from './jobs/task-cache.js';
import type {Session} from './ui/session.js';

export type SessionFlags = {store?: string; user?: string};

/** The store and identity ivjm works with: for now the demo or a local store. */
export async function openSession(flags: SessionFlags): Promise<Session> {
	const opened = await openDemoStore({store: flags.store, user: flags.user});
	return {...opened, tasks: new TaskCache(), refreshSeconds: 15};
}
