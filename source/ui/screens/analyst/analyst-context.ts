import {createContext, useContext} from 'react';
import {resolveWorkFolder} from '../../../jobs/analyst/work-folder.js';
import {useSession} from '../../session.js';

/** `--dir` given to the TUI: it overrides the session's work folder (the `workDir` setting). */
export const WorkFolderContext = createContext<string | undefined>(undefined);

/** Where the analyst's jobs are unpacked: `--dir`, else the session's work folder. */
export function useWorkFolder(): string {
	const session = useSession();
	return resolveWorkFolder(useContext(WorkFolderContext), session.workFolder);
}
