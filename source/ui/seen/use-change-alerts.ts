import {useEffect, useRef} from 'react';
import type {ResearcherJob} from '../../jobs/researcher/load-jobs.js';
import type {BiobankStatus} from '../../protocol/status.js';
import {alertText, biobankArrivals, newRequests, type StatusSnapshot} from './change-alerts.js';
import {useChangeTracking} from './change-tracking.js';

/**
 * Rings when a listing after the first shows a biobank that became ready or failed. The first
 * listing since the table opened is only remembered: a change made before (by this process or
 * anyone) is the marks' business, not the bell's.
 */
export function useResearcherAlerts(jobs: readonly ResearcherJob[] | undefined): void {
	const {alert} = useChangeTracking();
	const previous = useRef<StatusSnapshot | undefined>(undefined);
	useEffect(() => {
		if (!jobs) return;
		const current: StatusSnapshot = new Map(
			jobs.map((job) => [
				job.row.jobId,
				new Map<string, BiobankStatus>(
					job.status.biobanks.map((state) => [state.biobank, state.status]),
				),
			]),
		);
		const before = previous.current;
		previous.current = current;
		if (!before) return;
		const arrivals = biobankArrivals(before, current);
		const [first] = arrivals;
		if (!first) return;
		const name = jobs.find((job) => job.row.jobId === first.jobId)?.about?.name ?? first.jobId;
		alert(alertText(`ivjm: ${name} ${first.status} at ${first.biobank}`, arrivals.length));
	}, [jobs, alert]);
}

/** Rings when a listing after the first holds a request the previous one did not. */
export function useInboxAlerts(biobank: string, jobIds: readonly string[] | undefined): void {
	const {alert} = useChangeTracking();
	const previous = useRef<ReadonlySet<string> | undefined>(undefined);
	useEffect(() => {
		if (!jobIds) return;
		const before = previous.current;
		previous.current = new Set(jobIds);
		if (!before) return;
		const arrived = newRequests(before, jobIds);
		const [first] = arrived;
		if (first) alert(alertText(`ivjm: new request ${first} to ${biobank}`, arrived.length));
	}, [jobIds, biobank, alert]);
}
