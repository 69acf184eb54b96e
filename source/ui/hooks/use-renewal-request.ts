import {useEffect, useState} from 'react';
import type {PasswordRequest} from '../../credentials/password-prompt.js';
import type {Session} from '../../session/session.js';

/** The session's pending request for the password (an expired saved sign-in), if any. */
export function useRenewalRequest(session: Session): PasswordRequest | undefined {
	const [request, setRequest] = useState<PasswordRequest>();
	useEffect(() => session.renewal?.listen(setRequest), [session.renewal]);
	return request;
}
