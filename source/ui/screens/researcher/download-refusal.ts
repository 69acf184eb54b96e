import {terminalSafe} from '../../../text/terminal-safe.js';
import type {BiobankState, CellSummary} from '../../../protocol/matrix.js';
import type {BiobankStatus} from '../../../protocol/status.js';

const phrases: Partial<Record<BiobankStatus, [one: string, many: string]>> = {
	processing: ['is still processing', 'are still processing'],
	waiting: ['is waiting', 'are waiting'],
	'not-submitted': ['has no request yet', 'have no request yet'],
	failed: ['failed', 'failed'],
	declined: ['declined', 'declined'],
	cancelled: ['is cancelled', 'are cancelled'],
};

/**
 * Why `d` cannot download a job's results now, in one line ("nothing is ready yet; HUNT and
 * FIMM are still processing"), or undefined when some biobank is ready with results.
 */
export function downloadRefusal(
	states: ReadonlyArray<BiobankState<CellSummary>>,
): string | undefined {
	const ready = states.filter((state) => state.status === 'ready');
	if (ready.some((state) => (state.cell?.resultCount ?? 0) > 0)) return undefined;
	if (ready.length > 0)
		return `${names(ready.map((state) => state.biobank))} ${ready.length === 1 ? 'is' : 'are'} ready but delivered no result files`;
	const parts = Object.entries(phrases).flatMap(([status, [one, many]]) => {
		const here = states.filter((state) => state.status === status).map((state) => state.biobank);
		return here.length === 0 ? [] : [`${names(here)} ${here.length === 1 ? one : many}`];
	});
	return parts.length === 0
		? 'the job names no biobank'
		: `nothing is ready yet; ${parts.join(', ')}`;
}

function names(biobanks: readonly string[]): string {
	const safe = biobanks.map((biobank) => terminalSafe(biobank));
	return safe.length <= 1 ? (safe[0] ?? '') : `${safe.slice(0, -1).join(', ')} and ${safe.at(-1)}`;
}
