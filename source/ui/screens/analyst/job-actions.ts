import prettyBytes from 'pretty-bytes';
import {useRef, useState} from 'react';
import {
	checkOutputs,
	type DeliverProgress,
	type OutputChecklist,
} from '../../../jobs/analyst/deliver-job.js';
import type {FilesProgress} from '../../../jobs/files-progress.js';
import type {InboxJob} from '../../../jobs/analyst/load-inbox.js';
import type {Session} from '../../../session/session.js';
import type {Secret} from '../../../credentials/secret.js';
import {reviewActions, type ReviewMode} from './review-actions.js';
import {noteOwnChange} from '../../seen/own-changes.js';

/** What the job screen is doing: one state at a time, not a set of flags. */
export type Mode =
	| {kind: 'overview'}
	| {kind: 'instructions'}
	| {kind: 'confirm-claim'}
	| {kind: 'claiming'}
	| {kind: 'downloading'; progress?: FilesProgress}
	| {kind: 'checking'}
	| {kind: 'deliver'; checklist: OutputChecklist}
	| {kind: 'uploading'; progress?: DeliverProgress}
	/** `typed`: a reason whose sending failed, offered again rather than lost. */
	| {kind: 'reason'; marker: 'failed' | 'declined'; typed?: string}
	| ReviewMode;

export type Message = {text: string; bad: boolean};

export type JobScope = {
	session: Session;
	biobank: string;
	jobId: string;
	work: string;
	jobFolder: string;
	job: InboxJob | undefined;
	refresh: () => void;
	/** Asks a locked key's passphrase, for inputs encrypted to the biobank (use-passphrase). */
	passphrase?: (keyPath: string) => Promise<Secret>;
};

/**
 * The job page's long-running work (claim and download, check the outputs, deliver, give up)
 * and what the page shows meanwhile: the mode and the one message line.
 */
export function useJobActions(scope: JobScope) {
	const {session, biobank, jobId, work, jobFolder, job, refresh, passphrase} = scope;
	const [mode, setMode] = useState<Mode>({kind: 'overview'});
	const [message, setMessage] = useState<Message | undefined>();
	const running = useRef<AbortController | undefined>(undefined);
	const start = () => {
		// A claim, a delivery, a review: what this process does here is never rung as news.
		noteOwnChange(jobId, biobank);
		const controller = new AbortController();
		running.current = controller;
		return controller.signal;
	};
	const failed = (error: unknown) => {
		setMode({kind: 'overview'});
		const aborted = running.current?.signal.aborted;
		setMessage({
			text: aborted
				? 'Stopped. Press c (download), u (deliver) or v (second review) again to continue.'
				: error instanceof Error
					? error.message
					: String(error),
			bad: !aborted,
		});
		refresh();
	};
	const done = (text: string) => {
		setMode({kind: 'overview'});
		setMessage({text, bad: false});
		refresh();
	};

	const download = () => {
		setMessage(undefined);
		setMode({kind: 'claiming'});
		session.analyst
			.claim({
				jobId,
				biobank,
				workFolder: work,
				passphrase,
				signal: start(),
				onClaimed: () => setMode({kind: 'downloading'}),
				onProgress: (progress) => setMode({kind: 'downloading', progress}),
			})
			.then((result) => {
				const skipped = result.files.filter((file) => file.result.skipped).length;
				const bytes = result.files.reduce((sum, file) => sum + file.result.bytes, 0);
				done(
					`${result.claim.already ? 'Yours already. ' : result.claim.reclaimed ? 'Claimed again. ' : 'Claimed. '}${result.files.length} files (${prettyBytes(bytes)}) verified in ${result.jobFolder}${skipped > 0 ? `, ${skipped} were already there` : ''}. Run the job there, then u delivers.`,
				);
			}, failed);
	};

	const check = () => {
		if (!job?.task) return;
		setMode({kind: 'checking'});
		checkOutputs(job.task, biobank, jobFolder).then(
			(checklist) => setMode({kind: 'deliver', checklist}),
			failed,
		);
	};

	// The checklist's u: every outgoing file is scanned, then reviewed (review-view.tsx).
	const review = reviewActions(
		{session, biobank, jobId, work, jobFolder, job, refresh},
		{setMode, setMessage, start, done, failed},
	);

	const giveUp = (marker: 'failed' | 'declined', reason: string) => {
		setMode({kind: 'overview'});
		noteOwnChange(jobId, biobank);
		session.analyst.giveUp({jobId, biobank, marker, reason}).then(
			() =>
				done(
					`${jobId} is ${marker} at ${biobank}; the requester sees your reason. A claim (c) takes it up again.`,
				),
			(error: unknown) => {
				// The reason stays: the form opens again with it, and says why it was not sent.
				setMode({kind: 'reason', marker, typed: reason});
				setMessage({text: error instanceof Error ? error.message : String(error), bad: true});
				refresh();
			},
		);
	};

	const stop = () => running.current?.abort();
	return {mode, setMode, message, setMessage, download, check, giveUp, stop, ...review};
}
