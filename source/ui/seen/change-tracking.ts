import {
	createContext,
	useCallback,
	useContext,
	useEffect,
	useState,
	useSyncExternalStore,
} from 'react';
import {untrackedSeenRegistry, type SeenRegistry} from './seen-registry.js';
import type {SeenJobs} from './seen-jobs.js';
import {ringTerminal} from './terminal-alert.js';

/** Where the tables keep what was seen, and how a change made by others is announced. */
export type ChangeTracking = {registry: SeenRegistry; alert: (text: string) => void};

/** Without a provider (component tests): no marks, the bell only on a terminal. */
export const ChangeTrackingContext = createContext<ChangeTracking>({
	registry: untrackedSeenRegistry(),
	alert: (text) => ringTerminal(text),
});

export function useChangeTracking(): ChangeTracking {
	return useContext(ChangeTrackingContext);
}

const nothingChanged: ReadonlySet<string> = new Set();

/** The seen state of `scope` once read from disk, and the ids it counts as changed. */
export function useSeenJobs(scope: string): {
	seen?: SeenJobs;
	changed: ReadonlySet<string>;
} {
	const {registry} = useChangeTracking();
	const [seen, setSeen] = useState<SeenJobs>();
	useEffect(() => {
		let live = true;
		void registry.open(scope).then((opened) => {
			if (live) setSeen(opened);
		});
		return () => {
			live = false;
		};
	}, [registry, scope]);
	const subscribe = useCallback(
		(listener: () => void) => seen?.subscribe(listener) ?? (() => undefined),
		[seen],
	);
	const changed = useSyncExternalStore(subscribe, () => seen?.changedIds() ?? nothingChanged);
	return {seen, changed};
}

/** Marks one job seen in `scope` with `fingerprint`, whenever the page shows a new one. */
export function useMarkSeen(scope: string, jobId: string, fingerprint: string | undefined): void {
	const {seen} = useSeenJobs(scope);
	useEffect(() => {
		if (seen && fingerprint !== undefined) seen.markSeen(jobId, fingerprint);
	}, [seen, jobId, fingerprint]);
}
