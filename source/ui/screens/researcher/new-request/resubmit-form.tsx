import {Text} from '../../../../text/screen-text.js';
import {useCallback, useEffect, useState} from 'react';
import type {Navigator} from '../../../navigation.js';
import {useSession} from '../../../session.js';
import {tone} from '../../../theme.js';
import {NewRequestScreen} from './new-request-screen.js';
import {resubmitDraft, type ResubmitDraft} from './resubmit-draft.js';

/**
 * `R` on a job page: the request form filled from the old job (every field editable, the
 * biobanks that gave up chosen), submitted as a resubmission of it.
 */
export function ResubmitForm({jobId, navigate}: {jobId: string; navigate: Navigator}) {
	const session = useSession();
	const [from, setFrom] = useState<ResubmitDraft | {problem: string}>();
	const load = useCallback(
		async (signal: AbortSignal) => {
			const job = await session.researcher.job(jobId, signal);
			return resubmitDraft(job, session.bucket);
		},
		[session, jobId],
	);
	useEffect(() => {
		const abort = new AbortController();
		load(abort.signal).then(
			(draft) => setFrom(draft),
			(error: unknown) => {
				if (!abort.signal.aborted)
					setFrom({problem: error instanceof Error ? error.message : String(error)});
			},
		);
		return () => abort.abort();
	}, [load]);

	if (from === undefined) return <Text color={tone('muted')}>Reading {jobId}…</Text>;
	if ('problem' in from)
		return (
			<Text color={tone('bad')}>
				{jobId} cannot be resubmitted from the form: {from.problem} · esc goes back
			</Text>
		);
	return <NewRequestScreen navigate={navigate} from={from} />;
}
