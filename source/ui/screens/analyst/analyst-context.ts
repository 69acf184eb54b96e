import {createContext, useContext} from 'react';
import {InboxCache} from '../../../jobs/analyst/inbox-cache.js';
import {workFolder} from '../../../jobs/analyst/work-folder.js';
import type {Session} from '../../session.js';

/** Where the analyst's jobs are unpacked: `--dir` through a provider, else the default. */
export const WorkFolderContext = createContext<string | undefined>(undefined);

export function useWorkFolder(): string {
	return useContext(WorkFolderContext) ?? workFolder();
}

const inboxCaches = new WeakMap<Session, Map<string, InboxCache>>();

/** One inbox cache per session and biobank, kept while the session lives (the inbox and its jobs share it). */
export function inboxCacheFor(session: Session, biobank: string): InboxCache {
	let byBiobank = inboxCaches.get(session);
	if (!byBiobank) {
		byBiobank = new Map();
		inboxCaches.set(session, byBiobank);
	}

	let cache = byBiobank.get(biobank);
	if (!cache) {
		cache = new InboxCache();
		byBiobank.set(biobank, cache);
	}

	return cache;
}
