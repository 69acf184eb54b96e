import type {InboxJob} from '../../../jobs/analyst/load-inbox.js';
import {shorten, terminalSafe} from '../../../text/terminal-safe.js';
import {localTimeOf} from '../../time/local-time.js';
import type {AnalystJobCommand} from './analyst-keys.js';

/**
 * Why each of the job page's keys cannot be used now (none for those that can): the footer
 * greys them, and pressing one says why in a line instead of doing nothing, or losing a reason
 * typed for a job that cannot be failed.
 */
export function jobRefusals(
	job: InboxJob | undefined,
	analyst: string,
): Partial<Record<AnalystJobCommand, string>> {
	if (!job) {
		const loading = 'the job is still loading';
		return {
			claim: loading,
			instructions: loading,
			deliver: loading,
			fail: loading,
			decline: loading,
		};
	}
	return {
		claim: claimRefusal(job, analyst),
		instructions: job.instructions.length === 0 ? 'this job has no instructions file' : undefined,
		deliver: deliverRefusal(job, analyst),
		fail: giveUpRefusal(job, analyst, 'failed'),
		decline: giveUpRefusal(job, analyst, 'declined'),
	};
}

function holderText(job: InboxJob): string {
	const by = job.holder?.by ? terminalSafe(shorten(job.holder.by, 40)) : 'someone else';
	return `${by}${job.holder?.at ? ` since ${localTimeOf(job.holder.at)}` : ''}`;
}

const mine = (job: InboxJob, analyst: string) =>
	job.status === 'processing' && job.holder?.by === analyst;

function claimRefusal(job: InboxJob, analyst: string): string | undefined {
	if (job.problems) return 'its task is broken (see below); decline it with x and a reason';
	if (mine(job, analyst)) return undefined;
	if (job.status === 'processing') return `already claimed by ${holderText(job)}`;
	if (['waiting', 'failed', 'declined'].includes(job.status)) return undefined;
	return job.status === 'ready' ? 'it is delivered already' : `it is ${job.status} here`;
}

function deliverRefusal(job: InboxJob, analyst: string): string | undefined {
	if (mine(job, analyst)) return undefined;
	if (job.status === 'processing') return `only ${holderText(job)} can deliver it`;
	if (job.status === 'ready') return 'it is delivered already';
	return `claim it first (c); it is ${job.status} here`;
}

function giveUpRefusal(
	job: InboxJob,
	analyst: string,
	marker: 'failed' | 'declined',
): string | undefined {
	const word = marker === 'failed' ? 'mark it failed' : 'decline it';
	if (mine(job, analyst)) return undefined;
	if (job.status === 'processing') return `claimed by ${holderText(job)}: only they can ${word}`;
	if (job.status === 'waiting')
		return marker === 'failed'
			? 'claim it first: only a claimed run can fail; x declines it'
			: undefined;
	if (job.status === 'failed' || job.status === 'declined') return undefined;
	return `it is ${job.status === 'ready' ? 'delivered already' : `${job.status} here`}`;
}
