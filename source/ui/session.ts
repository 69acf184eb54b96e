import {createContext, useContext} from 'react';
import type {Session} from '../session/session.js';

/** The session every screen runs on (built in `source/session/`, carried here). */
export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
	const session = useContext(SessionContext);
	if (!session) throw new Error('useSession outside <SessionContext.Provider>');
	return session;
}
