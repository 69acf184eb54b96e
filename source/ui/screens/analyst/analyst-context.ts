import {createContext, useContext} from 'react';
import {InboxCache} from '../../../jobs/analyst/inbox-cache.js';
import {resolveWorkFolder} from '../../../jobs/analyst/work-folder.js';
import {useSession, type Session} from '../../session.js';

/** `--dir` given to the TUI: it overrides the session's work folder (the `workDir` setting). */
export const WorkFolderContext = createContext<string | undefined>(undefined);

/** Where the analyst's jobs are unpacked: `--dir`, else the session's work folder. */
export function useWorkFolder(): string {
	const session = useSession();
	return resolveWorkFolder(useContext(WorkFolderContext), session.workFolder);
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
