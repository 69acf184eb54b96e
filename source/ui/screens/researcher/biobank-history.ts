import type {MarkerDetail} from '../../../jobs/researcher/load-job-detail.js';
import type {BiobankStatus} from '../../../protocol/status.js';
import {displayText, shown, type DisplayText} from '../../../text/display-text.js';
import {localTimeOf} from '../../time/local-time.js';

/** The marker that makes each status what it is. */
const currentMarker: Partial<Record<BiobankStatus, string>> = {
	waiting: 'submitted',
	processing: 'processing',
	ready: 'ready',
	failed: 'failed',
	declined: 'declined',
	cancelled: 'cancelled',
};

const verbs: Record<string, string> = {
	submitted: 'submitted',
	processing: 'processing since',
	ready: 'delivered',
	failed: 'failed',
	declined: 'declined',
	cancelled: 'cancelled',
};

export type BiobankHistory = {
	/** "processing since 2026-11-20 10:00 by lvirtanen (failed earlier: out of memory)". */
	summary: DisplayText;
	/** Why it failed, was declined or cancelled, when that is what it is now. */
	reason?: DisplayText;
};

/**
 * What a biobank's status rests on, from its markers: the marker of the status it has now, and
 * a failure or refusal that a later claim took up again as history, not as if it were current.
 */
export function biobankHistory(
	markers: readonly MarkerDetail[],
	status: BiobankStatus,
): BiobankHistory {
	const name = currentMarker[status];
	const current = markers.find((marker) => marker.name === name);
	if (!name || !current) return {summary: shown``};
	const at = current.body.at ? localTimeOf(current.body.at) : undefined;
	const who = current.body.by ? ` by ${displayText(current.body.by, 60)}` : '';
	const when = at === undefined ? '' : ` ${status === 'processing' ? '' : 'at '}${at}`;
	const verb = at === undefined && status === 'processing' ? 'claimed' : (verbs[name] ?? name);
	const earlier =
		status === 'processing' || status === 'ready'
			? markers.find((marker) => marker.name === 'failed' || marker.name === 'declined')
			: undefined;
	const history = earlier
		? ` (${earlier.name} earlier${earlier.body.reason ? `: ${displayText(earlier.body.reason, 200)}` : ''})`
		: '';
	const reason = ['failed', 'declined', 'cancelled'].includes(name)
		? current.body.reason
		: undefined;
	return {
		summary: shown`${verb}${when}${who}${history}`,
		reason: reason ? displayText(reason, 1000) : undefined,
	};
}
