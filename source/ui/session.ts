import {createContext, useContext} from 'react';
import type {PasswordPrompt} from '../credentials/password-prompt.js';
import type {TaskCache} from '../jobs/task-cache.js';
import type {ObjectStore} from '../storage/store.js';
import type {DownloadObject, UploadFile} from '../transfer/transfer.js';

/** What every screen needs to reach the jobs: the store, the bucket, and who is signed in. */
export type Session = {
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
	/** Where results are downloaded, as `<folder>/<jobid>/<biobank>/` (setting `downloadDir`). */
	downloadFolder: string;
	/** Where an analyst's jobs are unpacked, as `<folder>/<jobid>/` (setting `workDir`). */
	workFolder: string;
	/** How often live tables refresh themselves. */
	refreshSeconds: number;
	/** Where an expired sign-in asks for the password again (a session from a saved token). */
	renewal?: PasswordPrompt;
};

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
	const session = useContext(SessionContext);
	if (!session) throw new Error('useSession outside <SessionContext.Provider>');
	return session;
}
