import type {PasswordPrompt} from '../credentials/password-prompt.js';
import type {Clock} from '../jobs/clock.js';
import type {TaskCache} from '../jobs/task-cache.js';
import type {ObjectStore} from '../storage/store.js';
import type {DownloadObject, UploadFile} from '../transfer/transfer.js';
import {bindAnalyst, type AnalystUseCases} from './analyst-use-cases.js';
import {bindResearcher, type ResearcherUseCases} from './researcher-use-cases.js';

/** What a session is made of: the store, the bucket, who is signed in, and where files go. */
export type SessionParts = {
	store: ObjectStore;
	bucket: string;
	/** The CSC user name, which is also the requester folder under `jobs/`. */
	user: string;
	/** "demo store ~/.local/share/ivjm/demo" or "swift https://…". */
	location: string;
	/** task.json files already read, shared by every screen (they do not change once written). */
	tasks: TaskCache;
	/** The transfer layer: verified, resumable uploads and downloads with progress. */
	transfers: {upload: UploadFile; download: DownloadObject};
	/** The time markers and job ids are written with. */
	clock: Clock;
	/** Where results are downloaded, as `<folder>/<jobid>/<biobank>/` (setting `downloadDir`). */
	downloadFolder: string;
	/** Where an analyst's jobs are unpacked, as `<folder>/<jobid>/` (setting `workDir`). */
	workFolder: string;
	/** How often live tables refresh themselves. */
	refreshSeconds: number;
	/** Where an expired sign-in asks for the password again (a session from a saved token). */
	renewal?: PasswordPrompt;
};

/**
 * A signed-in session, what both the screens and the commands run on: its parts, and the use
 * cases of the two roles bound to them once (`session.researcher.cancel(job, reason)`), so no
 * caller passes the store, the bucket, the clock and the user around.
 */
export type Session = Readonly<SessionParts> & {
	readonly researcher: ResearcherUseCases;
	readonly analyst: AnalystUseCases;
};

/** Binds the use cases to `parts`. Change a part by assembling a new session, not by spreading. */
export function assembleSession(parts: SessionParts): Session {
	return {...parts, researcher: bindResearcher(parts), analyst: bindAnalyst(parts)};
}
