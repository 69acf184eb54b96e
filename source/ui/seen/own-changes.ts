/**
 * What this process did: jobs it submitted (`jobId`) and the state it gave a job at a biobank
 * (`jobId` and `biobank`: an analyst's delivery, failure or decline). The bell and the desktop
 * notification are for what others did: these are never announced by this process.
 */
const own = new Set<string>();

const key = (jobId: string, biobank?: string) => (biobank ? `${jobId}/${biobank}` : jobId);

export function noteOwnChange(jobId: string, biobank?: string): void {
	own.add(key(jobId, biobank));
}

export function isOwnChange(jobId: string, biobank?: string): boolean {
	return own.has(key(jobId, biobank));
}
