import {createContext, useContext, useLayoutEffect} from 'react';

/** Says that a transfer runs (what it does, in words) until the returned function is called. */
export type ClaimTransfer = (what: string) => () => void;

/**
 * Quitting in the middle of an upload or a download loses no data (a rerun resumes it) but may
 * cost hours on a slow link, so the app asks first while a screen holds such a claim.
 */
export const TransferGuardContext = createContext<ClaimTransfer>(() => () => undefined);

/** While `what` is defined, quitting asks first, naming it. */
export function useTransferGuard(what: string | undefined): void {
	const claim = useContext(TransferGuardContext);
	useLayoutEffect(() => (what === undefined ? undefined : claim(what)), [what, claim]);
}
