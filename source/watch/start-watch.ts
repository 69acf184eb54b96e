import {ivjmPaths} from '../config/paths.js';
import type {Session} from '../session/session.js';
import type {WatchSource} from './observation.js';
import {runWatch, type WatchResult} from './run-watch.js';
import {watchStateFolder} from './state-file.js';
import {watchScope, watchSources, type WatchRole} from './watch-role.js';
import {channelsFor, type ChannelContext, type WatchSettings} from './watch-settings.js';

export type StartWatch = Omit<ChannelContext, 'role'> & {
	settings: WatchSettings;
	once?: boolean;
	/** Messages for the person (stderr). */
	log: (line: string) => void;
	/** Default: `<XDG state>/ivjm`. */
	stateRoot?: string;
	/** Sources besides the role's own (the release review's). */
	extraSources?: readonly WatchSource[];
	signal?: AbortSignal;
};

/** What the watch did, and what it watched with which channels (their labels: no secrets). */
export type StartedWatch = WatchResult & {scope: string; channels: string[]};

/**
 * `ivjm watch` on a signed-in session: the channels from the settings, the role's sources, the
 * state under `<XDG state>/ivjm/watch/`, and the task cache written after each poll. Returns when
 * `signal` aborts (Ctrl-C, SIGTERM), or after one poll with `once`.
 */
export async function startWatch(
	session: Session,
	role: WatchRole,
	start: StartWatch,
): Promise<StartedWatch> {
	const channels = channelsFor(start.settings, {...start, role});
	const scope = watchScope(session.location, session.bucket, role);
	const result = await runWatch({
		sources: watchSources(role, session.store, session.bucket, session.tasks, start.extraSources),
		channels,
		stateFolder: watchStateFolder(start.stateRoot ?? ivjmPaths().state, scope),
		scope,
		once: start.once,
		intervalSeconds: start.settings.intervalSeconds,
		clock: session.clock,
		log: start.log,
		signal: start.signal,
		afterPoll: async () => session.tasks.flush(),
	});
	return {...result, scope, channels: channels.map((channel) => channel.label)};
}
