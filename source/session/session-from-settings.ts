import {expandHome} from '../config/home-path.js';
import {ivjmPaths} from '../config/paths.js';
import type {Settings} from '../config/settings.js';
import type {PasswordPrompt} from '../credentials/password-prompt.js';
import {systemClock} from '../jobs/clock.js';
import {TaskCache} from '../jobs/task-cache.js';
import {TaskCacheFile} from '../jobs/task-cache-file.js';
import {downloadObject} from '../transfer/download-object.js';
import {uploadFile} from '../transfer/upload-file.js';
import {assembleSession, type Session, type SessionParts} from './session.js';

/** A store opened (demo, local or Swift) and signed in: what the settings cannot say. */
export type OpenedStore = Pick<SessionParts, 'store' | 'bucket' | 'user' | 'location'>;

/**
 * The program's session on an opened store: the task cache kept on disk per store and bucket,
 * the real transfers, the system clock, and the folders and refresh of the settings.
 */
export function sessionFromSettings(
	opened: OpenedStore,
	settings: Settings,
	renewal?: PasswordPrompt,
): Session {
	return assembleSession({
		...opened,
		tasks: new TaskCache({
			file: TaskCacheFile.of(ivjmPaths().cache, opened.store.description, opened.bucket),
		}),
		transfers: {upload: uploadFile, download: downloadObject},
		clock: systemClock,
		refreshSeconds: settings.refreshSeconds.value,
		downloadFolder: expandHome(settings.downloadDir.value),
		workFolder: expandHome(settings.workDir.value),
		renewal,
	});
}
