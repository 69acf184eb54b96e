import {useEffect, useMemo} from 'react';
import type {InboxJob} from '../../jobs/analyst/load-inbox.js';
import type {ResearcherJob} from '../../jobs/researcher/load-jobs.js';
import {useSeenJobs} from './change-tracking.js';
import {inboxScope, listedRequest, researcherScope, statusFingerprint} from './job-fingerprint.js';
import {useInboxAlerts, useResearcherAlerts} from './use-change-alerts.js';

type Who = {location: string; bucket: string; user: string};

/** The researcher's jobs changed since last opened, from each listing; rings on news. */
export function useResearcherMarks(
	session: Who,
	jobs: readonly ResearcherJob[] | undefined,
): ReadonlySet<string> {
	const {seen, changed} = useSeenJobs(researcherScope(session));
	useEffect(() => {
		if (seen && jobs)
			seen.observe(
				jobs.map((job) => ({jobId: job.row.jobId, fingerprint: statusFingerprint(job)})),
			);
	}, [seen, jobs]);
	useResearcherAlerts(jobs);
	return changed;
}

/** The requests to `biobank` the analyst has not opened yet; rings when one arrives. */
export function useInboxMarks(
	session: Who,
	biobank: string,
	jobs: readonly InboxJob[] | undefined,
): ReadonlySet<string> {
	const jobIds = useMemo(() => jobs?.map((job) => job.jobId), [jobs]);
	const {seen, changed} = useSeenJobs(inboxScope(session, biobank));
	useEffect(() => {
		if (seen && jobs)
			seen.observe(jobs.map((job) => ({jobId: job.jobId, fingerprint: listedRequest})));
	}, [seen, jobs]);
	useInboxAlerts(biobank, jobIds);
	return changed;
}
